package org.erp.sessions.application.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import org.erp.sessions.application.AuthenticationService;
import org.erp.sessions.application.TwoFactorService;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;

/**
 * Odoo's {@code check_identity} (API.md §12): sensitive actions need a password check no older
 * than {@code erp.identity-check.window}. The sign-in records the first check; {@link
 * #confirmPassword} records a new one. The time lives in the session storage as a value of its
 * own, beside the session state.
 */
@ApplicationScoped
public class IdentityCheck {

  @Inject private AuthenticationService authentication;
  @Inject private TwoFactorService twoFactor;
  @Inject private SessionAudit audit;
  @Inject private ErpConfig config;
  @Inject private Clock clock;

  /**
   * Refuses with 403 {@code identity_check_required} unless the session's last check is within
   * the window. A request without a session (an API key) never passes: it has nowhere to keep a
   * check, and a key must not be enough to change the password or mint more keys.
   */
  public void require(SessionStorage storage) {
    Instant now = clock.instant();
    boolean recent =
        storage.keepsIdentityChecks()
            && storage
                .identityCheckedAt()
                .map(at -> !at.plus(config.identityCheckWindow()).isBefore(now))
                .orElse(false);
    if (!recent) {
      throw new ErpException(
          ErrorCode.IDENTITY_CHECK_REQUIRED,
          "Confirm your password (POST /api/session/identity), then repeat this action.");
    }
  }

  /**
   * Checks the user's password again and records the check; a wrong one is 403 {@code
   * invalid_credentials} and counts towards the login cooldown.
   */
  public void confirmPassword(
      SessionStorage storage, ActiveSession active, String password, ClientInfo client) {
    refuseWithoutSession(storage);
    authentication.checkPassword(active.uid(), password, client.address());
    storage.identityChecked(clock.instant());
    audit.identityConfirmed(storage.idForLogs(), active.uid());
  }

  /**
   * A two-factor code as the proof, for a user who has two-factor authentication (else {@code
   * 422 invalid_code}); a wrong or used code is {@code 422 invalid_code} and counts towards the
   * login cooldown, as a wrong password does.
   */
  public void confirmCode(
      SessionStorage storage, ActiveSession active, String code, ClientInfo client) {
    refuseWithoutSession(storage);
    if (!twoFactor.enabled(active.uid())) {
      throw new ErpException(
          ErrorCode.CODE_REFUSED, "Two-factor authentication is not set up: confirm with your password.");
    }
    twoFactor.verifyIdentity(active.uid(), active.user().login(), code, client.address());
    storage.identityChecked(clock.instant());
    audit.identityConfirmed(storage.idForLogs(), active.uid());
  }

  private static void refuseWithoutSession(SessionStorage storage) {
    if (!storage.keepsIdentityChecks()) {
      throw new ErpException(
          ErrorCode.IDENTITY_CHECK_REQUIRED, "Sign in with a password for this action: an API key cannot.");
    }
  }
}
