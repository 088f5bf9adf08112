package org.erp.sessions.application;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A figure that is costly to count (a node's sessions: a walk over every one it holds), given
 * as last counted and counted again only when {@link #countDue}. While one caller counts,
 * others get the last count at once, without waiting, except before the first count has
 * finished: then there is no count to give (0 would be a wrong figure), and they wait for it.
 */
final class RecentCount {

  /**
   * A count is redone once it is older than this many times what it took, so that counting takes
   * at most about 2 % of one thread: a few milliseconds' count on a small node is redone every
   * time (the reporter's 10 s), one of 10 s on a node with a million sessions every 8 minutes.
   */
  static final int COUNT_AGE_PER_COUNT_TIME = 50;

  /** Callers closer than this share one count, however cheap. */
  static final Duration COUNT_MIN_AGE = Duration.ofSeconds(5);

  private final LongSupplier count;
  private final LongSupplier nanoClock;

  /** Held while counting. */
  private final ReentrantLock counting = new ReentrantLock();

  private volatile boolean countedOnce;
  private volatile long counted;
  private long countedAtNanos; // under counting
  private long countTookNanos = -1; // under counting; never counted

  RecentCount(LongSupplier count, LongSupplier nanoClock) {
    this.count = count;
    this.nanoClock = nanoClock;
  }

  /** The last count, counted again first when it is due and nobody else is counting. */
  long get() {
    boolean locked;
    if (countedOnce) {
      locked = counting.tryLock();
    } else {
      counting.lock();
      locked = true;
    }
    if (locked) {
      try {
        long now = nanoClock.getAsLong();
        if (countDue(countTookNanos, now - countedAtNanos)) {
          counted = count.getAsLong();
          countTookNanos = nanoClock.getAsLong() - now;
          countedAtNanos = now;
          countedOnce = true;
        }
      } finally {
        counting.unlock();
      }
    }
    return counted;
  }

  /**
   * Whether a count that took {@code tookNanos} (negative: none yet) and is {@code ageNanos} old
   * is to be redone.
   */
  static boolean countDue(long tookNanos, long ageNanos) {
    if (tookNanos < 0) {
      return true;
    }
    long minAge = COUNT_MIN_AGE.toNanos();
    long costAge = tookNanos > Long.MAX_VALUE / COUNT_AGE_PER_COUNT_TIME
        ? Long.MAX_VALUE
        : tookNanos * COUNT_AGE_PER_COUNT_TIME;
    return ageNanos >= Math.max(minAge, costAge);
  }
}
