package org.erp.sessions.web.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.erp.sessions.application.ContextService;
import org.erp.sessions.application.SessionValidity;
import org.erp.sessions.application.session.ActiveSession;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.core.SessionExpiry;
import org.erp.sessions.core.SessionState;
import org.erp.sessions.domain.context.RequestContext;

/** Builds the {@link SessionInfo} of a valid session. */
@ApplicationScoped
public class SessionInfos {

  @Inject private ContextService contexts;
  @Inject private SessionValidity validity;
  @Inject private ErpConfig config;

  public SessionInfo of(ActiveSession valid) {
    SessionState state = valid.state();
    RequestContext context =
        contexts.build(valid.user(), state.activeCompanyIds(), null, null);
    Instant lastActivity = valid.lastActivityAt();
    return new SessionInfo(
        valid.user().uid(),
        valid.user().login(),
        valid.user().name(),
        valid.user().isAdmin(),
        context,
        new SessionInfo.UserCompanies(
            context.currentCompany(), validity.companies(valid.user().companyIds())),
        new SessionInfo.Times(
            seconds(state.createdAt()),
            seconds(lastActivity),
            seconds(SessionExpiry.idleDeadline(lastActivity, state.idleTimeout())),
            seconds(state.absoluteExpiresAt())),
        state.csrfToken(),
        config.serverVersion());
  }

  private static Instant seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS);
  }
}
