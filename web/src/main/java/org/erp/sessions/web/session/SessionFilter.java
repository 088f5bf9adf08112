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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.web.session.CurrentSession.ValidSession;

/**
 * Checks the session of every request in one place, before any resource runs: valid session
 * (see {@link SessionStore#validate}), CSRF token on unsafe methods, admin rights where needed,
 * and the idle deadline extended where the call counts as activity.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class SessionFilter implements ContainerRequestFilter {

  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final Set<String> UNSAFE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final SessionAccess DEFAULT_ACCESS = Defaults.class.getAnnotation(SessionAccess.class);

  @Context private ResourceInfo resourceInfo;
  @Context private HttpServletRequest request;
  @Inject private SessionStore store;
  @Inject private CurrentSession current;

  @Override
  public void filter(ContainerRequestContext context) {
    SessionAccess access = accessOf(resourceInfo.getResourceMethod());
    if (access.value() == SessionAccess.Mode.NONE) {
      return;
    }
    Optional<ValidSession> found = store.validate(request, access.countsAsActivity());
    if (found.isEmpty()) {
      if (access.value() == SessionAccess.Mode.OPTIONAL) {
        return;
      }
      throw new ErpException(
          ErrorCode.NOT_AUTHENTICATED, "No valid session: sign in again.");
    }
    ValidSession valid = found.get();
    if (access.csrfChecked() && UNSAFE_METHODS.contains(context.getMethod())) {
      checkCsrf(context.getHeaderString(CSRF_HEADER), valid.state().csrfToken());
    }
    if (adminOnly(resourceInfo.getResourceMethod(), access) && !valid.user().isAdmin()) {
      throw new ErpException(ErrorCode.FORBIDDEN, "Only administrators may do this.");
    }
    current.set(access.countsAsActivity() ? store.recordActivity(valid) : valid);
  }

  private static void checkCsrf(String sent, String expected) {
    boolean matches =
        sent != null
            && MessageDigest.isEqual(
                sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    if (!matches) {
      throw new ErpException(
          ErrorCode.CSRF_FAILED,
          "Missing or wrong " + CSRF_HEADER + " header: send the csrf_token of the session.");
    }
  }

  /**
   * Admin-only on the method or on its class: an annotation on a method (to change, say, the
   * activity rule) never drops the class's admin-only rule.
   */
  static boolean adminOnly(Method method, SessionAccess access) {
    if (access.adminOnly()) {
      return true;
    }
    SessionAccess onClass = method == null ? null : method.getDeclaringClass().getAnnotation(SessionAccess.class);
    return onClass != null && onClass.adminOnly();
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
