package org.erp.sessions.core;

import java.time.Duration;
import java.time.Instant;

/**
 * When a session ends: the one expiry rule, used by the per-request check, the device list, the
 * session limit and the sweep of dead devices. A session ends at its absolute deadline, or once
 * it has been idle for its idle timeout, whichever comes first; neither deadline is ever moved
 * back by a clock that reads the same instant twice.
 */
public final class SessionExpiry {

  private SessionExpiry() {}

  /** The idle deadline of a session last active at {@code lastActivity}. */
  public static Instant idleDeadline(Instant lastActivity, Duration idleTimeout) {
    return lastActivity.plus(idleTimeout);
  }

  /** Whether a session with these deadlines has ended at {@code now}. */
  public static boolean ended(Instant idleDeadline, Instant absoluteDeadline, Instant now) {
    return !now.isBefore(absoluteDeadline) || !now.isBefore(idleDeadline);
  }

  /** Whether the session has ended at {@code now}, given its last activity. */
  public static boolean ended(SessionState state, Instant lastActivity, Instant now) {
    return ended(idleDeadline(lastActivity, state.idleTimeout()), state.absoluteExpiresAt(), now);
  }

  /**
   * The same rule where activity is recorded late, by up to {@code lag} (the device log writes
   * activity at most once per {@code erp.device.activity-resolution}): the idle deadline counts
   * only once that lag has passed too, so a session in use is never taken for an idle one.
   */
  public static boolean endedAllowingLag(
      Instant recordedIdleDeadline, Instant absoluteDeadline, Duration lag, Instant now) {
    return ended(recordedIdleDeadline.plus(lag), absoluteDeadline, now);
  }

  /**
   * For queries: a device whose recorded idle deadline is at or before this instant has ended
   * ({@link #endedAllowingLag}).
   */
  public static Instant idleDeadlinesEndedBy(Instant now, Duration lag) {
    return now.minus(lag);
  }
}
