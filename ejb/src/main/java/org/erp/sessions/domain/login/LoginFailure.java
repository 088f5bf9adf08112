package org.erp.sessions.domain.login;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Failed logins counted for one login name or one client address. Kept in the database so that
 * every node of the cluster counts the same failures. The key is a hash: no login names or
 * addresses are stored here.
 */
@Entity
@Table(name = "erp_login_failure")
public class LoginFailure {

  @Id
  @Column(name = "throttle_key", length = 64)
  private String key;

  @Column(nullable = false)
  private int failures;

  @Column(name = "last_failure_at", nullable = false)
  private Instant lastFailureAt;

  protected LoginFailure() {}

  public LoginFailure(String key, Instant now) {
    this.key = Objects.requireNonNull(key);
    this.failures = 1;
    this.lastFailureAt = now;
  }

  /** Counts one more failure; a failure after a quiet cooldown window starts a new count. */
  public void countFailure(Instant now, Duration cooldown) {
    failures = windowEnded(now, cooldown) ? 1 : failures + 1;
    lastFailureAt = now;
  }

  /** How long logins stay refused, or zero when they are allowed. */
  public Duration lockedFor(Instant now, int threshold, Duration cooldown) {
    if (failures < threshold || windowEnded(now, cooldown)) {
      return Duration.ZERO;
    }
    return Duration.between(now, lastFailureAt.plus(cooldown));
  }

  private boolean windowEnded(Instant now, Duration cooldown) {
    return !now.isBefore(lastFailureAt.plus(cooldown));
  }
}
