package org.erp.sessions.api;

/** Where the caller of the current request stands. */
public enum AuthStatus {
  /** No valid session: not signed in, signed out, expired or revoked. */
  ANONYMOUS,
  /** A valid session of an active user. */
  SIGNED_IN,
  /**
   * The password was right, the second factor (a TOTP code) is still due: the session can do
   * nothing else yet.
   */
  PENDING_TOTP
}
