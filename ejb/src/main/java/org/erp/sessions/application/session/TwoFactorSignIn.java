package org.erp.sessions.application.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.erp.sessions.application.AuthenticationService.Authenticated;
import org.erp.sessions.application.TwoFactorService;
import org.erp.sessions.application.UserDirectory;
import org.erp.sessions.core.PendingSecondFactor;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.domain.user.UserView;
import org.erp.sessions.infrastructure.metrics.ErpMetrics;
import org.erp.sessions.infrastructure.metrics.ErpMetrics.LoginOutcome;

/**
 * Sign-in with the second factor (API.md §14), for the REST API and the Odoo routes: the password
 * first; for a user with two-factor authentication, a pending session that only takes the TOTP
 * code, unless the browser is remembered for that user; then the signed-in session under a new id.
 */
@ApplicationScoped
public class TwoFactorSignIn {

  @Inject private SessionService sessions;
  @Inject private TwoFactorService twoFactor;
  @Inject private UserDirectory users;
  @Inject private SessionAudit audit;
  @Inject private ErpMetrics metrics;

  /** The outcome of a right password: signed in, or waiting for the code. */
  public record Outcome(ActiveSession signedIn, PendingSecondFactor pending) {
    public boolean isPending() {
      return pending != null;
    }
  }

  /** The signed-in session with a trusted-device token to set, when one was asked for. */
  public record Completed(ActiveSession signedIn, Optional<String> trustedDeviceToken) {}

  /** {@code trustedDeviceToken}: the browser's trusted-device cookie, null if none. */
  public Outcome signIn(
      SessionStorage storage, String login, String password, ClientInfo client, String trustedDeviceToken) {
    Authenticated authenticated = sessions.authenticate(login, password, client);
    UserView user = authenticated.user();
    if (authenticated.secondFactorDue() && !twoFactor.trusts(user.uid(), trustedDeviceToken)) {
      return new Outcome(null, sessions.startPending(storage, user, login));
    }
    return new Outcome(sessions.start(storage, user, client), null);
  }

  /**
   * The second step: a right code (counted by the login cooldown, accepted once) signs the
   * session in under a new id; {@code 401 invalid_code} leaves it pending; without a pending
   * session (or past its deadline) {@code 401 not_authenticated}.
   */
  public Completed complete(
      SessionStorage storage, String code, boolean rememberDevice, ClientInfo client) {
    PendingSecondFactor pending =
        sessions.pending(storage)
            .orElseThrow(() -> new ErpException(
                ErrorCode.NOT_AUTHENTICATED, "No sign-in waits for a code: sign in again."));
    try {
      twoFactor.verifySignIn(pending.uid(), pending.login(), code, client.address());
    } catch (ErpException refused) {
      audit.refused(refused.code(), client.address());
      metrics.login(
          refused.code() == ErrorCode.TOO_MANY_ATTEMPTS
              ? LoginOutcome.THROTTLED
              : LoginOutcome.WRONG_PASSWORD);
      throw refused;
    }
    UserView user = users.get(pending.uid());
    if (!user.active()) {
      sessions.cancelPending(storage);
      throw new ErpException(ErrorCode.NOT_AUTHENTICATED, "Sign in again.");
    }
    ActiveSession signedIn = sessions.start(storage, user, client);
    Optional<String> token =
        rememberDevice
            ? Optional.of(twoFactor.rememberDevice(user.uid(), client.userAgent()))
            : Optional.empty();
    return new Completed(signedIn, token);
  }
}
