package org.erp.sessions.store;

import java.time.Duration;
import java.time.Instant;

/**
 * When a session's meta-data entry may stay out of the store: WildFly rewrites it at the end of
 * every request only to move its last access time, and writing each of those to the database
 * costs a read about a fifth of its CPU (bench/README.md, store-cost). Such an access-only change
 * is stored at most once per window; every other change (a new entry, another idle timeout) is
 * stored at once.
 *
 * <p>The window is {@code erp.device.activity-resolution}, but at most a tenth of the session's
 * idle timeout: a session read back from the store (after a restart, or after it left a node's
 * memory under {@code erp.session.max-in-memory}) has lost at most that much of its last
 * activity, so its idle deadline comes at most that much early.
 */
record AccessTimeWritePolicy(Duration resolution) {

  /** What was last handed to the store for one session's meta-data entry. */
  record Stored(Instant creation, Duration maxIdle, boolean isNew, Instant at) {}

  AccessTimeWritePolicy {
    if (resolution.isNegative()) {
      throw new IllegalArgumentException("negative resolution " + resolution);
    }
  }

  /** How long an access-only change of a session with this idle timeout may wait. */
  Duration window(Duration maxIdle) {
    if (maxIdle.isZero() || maxIdle.isNegative()) { // immortal: no deadline to keep
      return resolution;
    }
    Duration tenth = maxIdle.dividedBy(10);
    return tenth.compareTo(resolution) < 0 ? tenth : resolution;
  }

  /**
   * Whether the change to this entry only moves its access time, after {@code last} was stored
   * less than a window ago.
   */
  boolean mayDefer(Stored last, Instant creation, Duration maxIdle, boolean isNew, Instant now) {
    return last != null
        && !isNew
        && !last.isNew()
        && last.creation().equals(creation)
        && last.maxIdle().equals(maxIdle)
        && now.isBefore(last.at().plus(window(maxIdle)));
  }
}
