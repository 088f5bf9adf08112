package org.erp.sessions.servlet;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.erp.sessions.servlet.RequestAuthenticator.Caller;

/**
 * The container's authentication of a WAR's requests (Jakarta Authentication, the servlet
 * profile): the caller is whoever {@link RequestAuthenticator} says, with its groups as roles, so
 * {@code @RolesAllowed}, {@code isUserInRole} and Jakarta Security's {@code SecurityContext} see
 * the session's user. Anything else is anonymous: it never challenges, and what needs a session
 * answers 401 itself. Registered per WAR by {@link SessionAuthRegistration}.
 *
 * <p>It does what a Jakarta Security {@code HttpAuthenticationMechanism} did through Soteria's
 * bridge, without the bridge's cost: per request the bridge looked the mechanism up twice, each
 * time through a JNDI lookup of the bean manager (about a tenth of a session read's CPU,
 * bench/README.md).
 */
final class SessionAuthModule implements ServerAuthContext {

  private final CallbackHandler container;
  private final SessionAuthRegistration.Authenticators authenticators;

  SessionAuthModule(CallbackHandler container, SessionAuthRegistration.Authenticators authenticators) {
    this.container = container;
    this.authenticators = authenticators;
  }

  @Override
  public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service)
      throws AuthException {
    HttpServletRequest request = (HttpServletRequest) message.getRequestMessage();
    Optional<Caller> caller = authenticators.get().authenticate(request);
    Callback[] callbacks =
        caller
            .map(
                known ->
                    new Callback[] {
                      new CallerPrincipalCallback(client, principal(known.name())),
                      new GroupPrincipalCallback(client, known.groups().toArray(String[]::new))
                    })
            .orElseGet(() -> new Callback[] {new CallerPrincipalCallback(client, (Principal) null)});
    try {
      container.handle(callbacks);
    } catch (IOException | UnsupportedCallbackException refused) {
      throw (AuthException) new AuthException("The container refused the caller").initCause(refused);
    }
    return AuthStatus.SUCCESS;
  }

  @Override
  public AuthStatus secureResponse(MessageInfo message, Subject service) {
    return AuthStatus.SEND_SUCCESS;
  }

  @Override
  public void cleanSubject(MessageInfo message, Subject subject) {
    if (subject != null) {
      subject.getPrincipals().clear();
    }
  }

  /** Jakarta Security's own principal type, as its mechanisms give it. */
  private static Principal principal(String name) {
    return new jakarta.security.enterprise.CallerPrincipal(name);
  }

  /** The authenticator bean, looked up with CDI once per WAR. */
  static RequestAuthenticator lookUp(ClassLoader deployment) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(deployment);
    try {
      return CDI.current().select(RequestAuthenticator.class).get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
