package org.erp.sessions.infrastructure.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.erp.sessions.api.ErpContext;
import org.erp.sessions.application.ContextService;
import org.erp.sessions.application.session.ActiveSession;
import org.erp.sessions.config.ErpConfig;

/** Produces the request's {@link ErpContext}, from the session checked at the request's start. */
@ApplicationScoped
public class ModuleContexts {

  @Inject private CurrentSession current;
  @Inject private ContextService contexts;
  @Inject private ErpConfig config;

  /**
   * Request-scoped: built once per request, on first use (a request without a valid session gets
   * {@code not_authenticated} then), and the same for every bean of the request.
   */
  @Produces
  @RequestScoped
  ErpContext requestContext() {
    ActiveSession active = current.get();
    return new ModuleContext(
        contexts.build(active.user(), active.state().activeCompanyIds(), null, null),
        active.user(),
        config.languages());
  }
}
