package org.erp.sessions.infrastructure.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import org.erp.sessions.application.session.SessionService;
import org.erp.sessions.servlet.RequestAuthenticator;

/**
 * The container's view of a session, for every WAR of the EAR (through servlet-support's
 * Jakarta Authentication module, before any servlet, resource or module code runs): a request
 * whose session cookie names a valid session ({@link SessionService#validate}) is made by its
 * user, the caller principal being the login and the groups {@code user} (and {@code admin} for
 * administrators), so Jakarta Security's {@code SecurityContext}, {@code isUserInRole} and
 * {@code @RolesAllowed} work. Anything else is anonymous: what needs a session answers 401
 * itself, as problem+json. It checks, and never writes: activity is counted later by whoever
 * serves the request.
 */
@ApplicationScoped
public class SessionAuthentication implements RequestAuthenticator {

  public static final String USER = "user";
  public static final String ADMIN = "admin";

  private static final Set<String> USER_GROUPS = Set.of(USER);
  private static final Set<String> ADMIN_GROUPS = Set.of(USER, ADMIN);

  @Inject private SessionService sessions;
  @Inject private CurrentSession current;

  @Override
  public Optional<Caller> authenticate(HttpServletRequest request) {
    current.attach(request);
    try {
      return current
          .check(sessions)
          .map(active -> new Caller(active.user().login(), active.user().isAdmin() ? ADMIN_GROUPS : USER_GROUPS));
    } catch (RuntimeException checkFailed) {
      // Anonymous for now: whatever needs the session asks again and answers with this failure
      // as problem+json (CurrentSession#check), rather than the container's own error page.
      return Optional.empty();
    }
  }
}
