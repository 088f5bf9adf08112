package org.erp.sessions.web.session;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import org.erp.sessions.application.session.ActiveSession;
import org.erp.sessions.application.session.SessionService;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.infrastructure.http.CurrentSession;

/**
 * Applies each endpoint's {@link SessionAccess} before it runs: a valid session where one is
 * required (checked once per request, see {@link CurrentSession#check}), the CSRF token on
 * unsafe methods, the session id rotated when it is due ({@link SessionIdRotation}), and the
 * idle deadline extended where the call counts as activity. Admin rights
 * are Jakarta Security's: {@code @RolesAllowed("admin")}, checked after this filter, so a caller
 * without a session gets 401, not 403.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class SessionFilter implements ContainerRequestFilter {

  public static final String CSRF_HEADER = CurrentSession.CSRF_HEADER;
  private static final SessionAccess DEFAULT_ACCESS = Defaults.class.getAnnotation(SessionAccess.class);

  @Context private ResourceInfo resourceInfo;
  @Context private HttpServletRequest request;
  @Inject private SessionService sessions;
  @Inject private CurrentSession current;
  @Inject private SessionIdRotation rotation;

  @Override
  public void filter(ContainerRequestContext context) {
    SessionAccess access = accessOf(resourceInfo.getResourceMethod());
    current.attach(request);
    if (access.value() == SessionAccess.Mode.NONE) {
      return;
    }
    // Checked once per request, normally already by SessionAuthentication.
    Optional<ActiveSession> found = current.check(sessions);
    if (found.isEmpty()) {
      if (access.value() == SessionAccess.Mode.OPTIONAL) {
        return;
      }
      if (current.secondFactorPending()) {
        current.get(); // 401 totp_required
      }
      throw new ErpException(
          ErrorCode.NOT_AUTHENTICATED, "No valid session: sign in again.");
    }
    ActiveSession valid = found.get();
    if (access.csrfChecked() && !current.csrfProven()) {
      throw new ErpException(
          ErrorCode.CSRF_FAILED,
          "Missing or wrong " + CSRF_HEADER + " header: send the csrf_token of the session.");
    }
    rotation.rotateIfDue(current.storage(), valid);
    if (access.countsAsActivity()) {
      current.update(sessions.recordActivity(current.storage(), valid));
    }
  }

  static SessionAccess accessOf(Method method) {
    if (method == null) {
      return DEFAULT_ACCESS;
    }
    SessionAccess onMethod = method.getAnnotation(SessionAccess.class);
    if (onMethod != null) {
      return onMethod;
    }
    SessionAccess onClass = method.getDeclaringClass().getAnnotation(SessionAccess.class);
    return onClass != null ? onClass : DEFAULT_ACCESS;
  }

  @SessionAccess
  private static final class Defaults {}
}
