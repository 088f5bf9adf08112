package org.erp.sessions.infrastructure.http;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.erp.sessions.api.SignedIn;
import org.erp.sessions.application.session.SessionService;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;

/**
 * {@link SignedIn}: a valid session, and the CSRF token on unsafe methods. A call that passes
 * counts as activity of the session (extends its idle deadline), as a call of the HTTP API does.
 */
@SignedIn
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class SignedInInterceptor {

  @Inject private CurrentSession current;
  @Inject private SessionService sessions;

  @AroundInvoke
  Object checkSession(InvocationContext call) throws Exception {
    var active = current.get();
    if (!current.csrfProven()) {
      throw new ErpException(
          ErrorCode.CSRF_FAILED,
          "Missing or wrong " + CurrentSession.CSRF_HEADER + " header: send the csrf_token of the session.");
    }
    current.update(sessions.recordActivity(current.storage(), active));
    return call.proceed();
  }
}
