package org.erp.sessions.infrastructure.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.Set;
import org.erp.sessions.application.session.ActiveSession;
import org.erp.sessions.application.session.SessionService;

/**
 * Jakarta Security's view of a session, for every WAR of the EAR: a request whose session cookie
 * names a valid session ({@link SessionService#validate}) is made by its user, the caller
 * principal being the login and the groups {@code user} (and {@code admin} for administrators),
 * so {@code SecurityContext}, {@code isUserInRole} and {@code @RolesAllowed} work. Anything else
 * is anonymous: this mechanism never challenges; what needs a session answers 401 itself, as
 * problem+json. It checks, and never writes: activity is counted later by whoever serves the
 * request.
 */
@ApplicationScoped
public class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {

  public static final String USER = "user";
  public static final String ADMIN = "admin";

  @Inject private SessionService sessions;
  @Inject private CurrentSession current;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    current.attach(request);
    Optional<ActiveSession> found;
    try {
      found = current.check(sessions);
    } catch (RuntimeException checkFailed) {
      // Anonymous for now: whatever needs the session asks again and answers with this failure
      // as problem+json (CurrentSession#check), rather than the container's own error page.
      return context.doNothing();
    }
    if (found.isEmpty()) {
      return context.doNothing();
    }
    ActiveSession active = found.get();
    return context.notifyContainerAboutLogin(
        new CallerPrincipal(active.user().login()),
        active.user().isAdmin() ? Set.of(USER, ADMIN) : Set.of(USER));
  }
}
