package org.erp.sessions.domain.login;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Login attempts counted for one throttle key (a login at an address, an address, or a login;
 * see {@link ThrottleRule}). Kept in the database so that every node of the cluster counts the
 * same attempts. An attempt is counted before its password is verified and given back when the
 * password was right, so the count also covers attempts still under way. The key is a hash: no
 * login names or addresses are stored here.
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

  /** A key with no attempt counted yet. */
  public LoginFailure(String key, Instant now) {
    this.key = Objects.requireNonNull(key);
    this.failures = 0;
    this.lastFailureAt = now;
  }

  public String key() {
    return key;
  }

  public int attempts() {
    return failures;
  }

  /** Counts one more attempt; an attempt after a quiet window starts a new count. */
  public void countAttempt(Instant now, ThrottleRule rule) {
    failures = windowEnded(now, rule) ? 1 : failures + 1;
    lastFailureAt = now;
  }

  /** Starts afresh: the login at this address proved itself. */
  public void reset() {
    failures = 0;
  }

  /** Gives back an attempt that turned out to have the right password. */
  public void giveBack() {
    failures = Math.max(0, failures - 1);
  }

  /** How long the next attempt must wait under the rule, or zero when it may go ahead. */
  public Duration waitBeforeNextAttempt(Instant now, ThrottleRule rule) {
    if (failures < rule.threshold() || windowEnded(now, rule)) {
      return Duration.ZERO;
    }
    Duration wait = Duration.between(now, lastFailureAt.plus(rule.pause()));
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  private boolean windowEnded(Instant now, ThrottleRule rule) {
    return !now.isBefore(lastFailureAt.plus(rule.window()));
  }
}
