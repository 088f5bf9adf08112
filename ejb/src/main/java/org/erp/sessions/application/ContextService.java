package org.erp.sessions.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.context.ContextRules;
import org.erp.sessions.domain.context.RequestContext;
import org.erp.sessions.domain.user.UserView;

/**
 * Builds the context of each request from the user's stored preferences, the session's active
 * companies and the request's overrides. Nothing of it is stored, and nothing is read from the
 * database: a plain CDI bean, so the context built on every request costs no EJB call and no
 * transaction.
 */
@ApplicationScoped
public class ContextService {

  @Inject private ErpConfig config;

  public RequestContext build(
      UserView user, List<Integer> sessionCompanies, String langOverride, String tzOverride) {
    return ContextRules.build(
        user, sessionCompanies, langOverride, tzOverride, config.languages());
  }

  /** A checked new selection of active companies (first = current company). */
  public List<Integer> selectCompanies(UserView user, List<Integer> selection) {
    return ContextRules.checkSelection(user, selection);
  }
}
