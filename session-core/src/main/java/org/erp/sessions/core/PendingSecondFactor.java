package org.erp.sessions.core;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.wildfly.clustering.web.annotation.Immutable;

/**
 * What the HttpSession holds between a right password and the second factor (Odoo's {@code
 * pre_uid}): whose password it was, and until when the code may follow. A session holding this
 * and no {@link SessionState} is not signed in: it can only complete the second step.
 *
 * <p>Its own attribute, not part of {@link SessionState}: a pending session has no companies,
 * CSRF token or device yet. Immutable, replaced or removed as a whole. Replicated and stored
 * through {@link PendingSecondFactorExternalizer} (bare fields behind a format number), under the
 * same evolution rules as SessionState (see there); the serialized form below is what versions
 * before 2026-12-08 wrote, and is still read.
 */
@Immutable
public final class PendingSecondFactor implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  private final int uid;
  private final String login;
  private final Instant expiresAt;

  public PendingSecondFactor(int uid, String login, Instant expiresAt) {
    this.uid = uid;
    this.login = Objects.requireNonNull(login);
    this.expiresAt = Objects.requireNonNull(expiresAt);
  }

  public int uid() {
    return uid;
  }

  /** The login typed, for the login cooldown that wrong codes count towards. */
  public String login() {
    return login;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  /** Whether the code may no longer follow at {@code now}. */
  public boolean expired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** A stored value becomes one only through the constructor's checks (see SessionState). */
  @Serial
  private Object readResolve() {
    return new PendingSecondFactor(uid, login, expiresAt);
  }

  @Override
  public String toString() {
    return "PendingSecondFactor[uid=" + uid + "]";
  }
}
