package org.erp.sessions.web.rest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.erp.sessions.api.AuthStatus;
import org.erp.sessions.core.PendingSecondFactor;

/** The answer to a right password when the TOTP code is still due (API.md §14). */
public record PendingSignIn(String authStatus, Instant expiresAt) {

  static PendingSignIn of(PendingSecondFactor pending) {
    return new PendingSignIn(
        AuthStatus.PENDING_TOTP.name().toLowerCase(java.util.Locale.ROOT),
        pending.expiresAt().truncatedTo(ChronoUnit.SECONDS));
  }
}
