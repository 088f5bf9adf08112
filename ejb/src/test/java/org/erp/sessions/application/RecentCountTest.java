package org.erp.sessions.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When a node counts its sessions again, and what callers get meanwhile: {@link RecentCount}. */
class RecentCountTest {

  private static long nanos(Duration duration) {
    return duration.toNanos();
  }

  @Test
  void aNodeThatNeverCountedCountsNow() {
    assertTrue(RecentCount.countDue(-1, 0));
  }

  @Test
  void aCheapCountIsRedoneOnceItIsFiveSecondsOld() {
    long took = nanos(Duration.ofMillis(3));
    assertFalse(RecentCount.countDue(took, nanos(Duration.ofMillis(4_999))));
    assertTrue(RecentCount.countDue(took, nanos(Duration.ofSeconds(5))));
  }

  @Test
  void aCountOfTwoSecondsIsRedoneAfterFiftyTimesThat() {
    long took = nanos(Duration.ofSeconds(2));
    assertFalse(RecentCount.countDue(took, nanos(Duration.ofSeconds(99))));
    assertTrue(RecentCount.countDue(took, nanos(Duration.ofSeconds(100))));
  }

  @Test
  void anEndlessCountDoesNotOverflowIntoBeingDueAtOnce() {
    assertFalse(RecentCount.countDue(Long.MAX_VALUE / 10, nanos(Duration.ofDays(365))));
  }

  @Test
  void callersWithinTheMinimumAgeShareOneCount() {
    AtomicLong clock = new AtomicLong(1_000);
    AtomicLong counts = new AtomicLong();
    RecentCount sessions = new RecentCount(counts::incrementAndGet, clock::get);
    assertEquals(1, sessions.get());
    clock.addAndGet(nanos(Duration.ofSeconds(4)));
    assertEquals(1, sessions.get());
    clock.addAndGet(nanos(Duration.ofSeconds(1)));
    assertEquals(2, sessions.get());
  }

  @Test
  void aCallerDuringTheFirstCountWaitsForItInsteadOfGettingZero() throws Exception {
    CountDownLatch firstCountBegun = new CountDownLatch(1);
    CountDownLatch finishFirstCount = new CountDownLatch(1);
    RecentCount sessions =
        new RecentCount(
            () -> {
              firstCountBegun.countDown();
              await(finishFirstCount);
              return 42;
            },
            System::nanoTime);
    Thread first = new Thread(sessions::get);
    first.start();
    assertTrue(firstCountBegun.await(10, TimeUnit.SECONDS));

    AtomicLong secondGot = new AtomicLong(-1);
    Thread second = new Thread(() -> secondGot.set(sessions.get()));
    second.start();
    // Until the first count ends, the second caller either answered (wrongly) or is parked.
    long deadline = System.nanoTime() + nanos(Duration.ofSeconds(10));
    while (second.isAlive() && second.getState() != Thread.State.WAITING) {
      assertTrue(System.nanoTime() < deadline, "the second caller neither answered nor waited");
      Thread.onSpinWait();
    }
    finishFirstCount.countDown();
    second.join(10_000);
    first.join(10_000);
    assertEquals(42, secondGot.get());
  }

  @Test
  void aCallerWhileALaterCountRunsGetsTheLastCountAtOnce() throws Exception {
    AtomicLong clock = new AtomicLong(1_000);
    CountDownLatch secondCountBegun = new CountDownLatch(1);
    CountDownLatch finishSecondCount = new CountDownLatch(1);
    AtomicLong counts = new AtomicLong();
    RecentCount sessions =
        new RecentCount(
            () -> {
              if (counts.incrementAndGet() == 2) {
                secondCountBegun.countDown();
                await(finishSecondCount);
              }
              return counts.get() * 10;
            },
            clock::get);
    assertEquals(10, sessions.get());
    clock.addAndGet(nanos(Duration.ofSeconds(5)));
    Thread counting = new Thread(sessions::get);
    counting.start();
    assertTrue(secondCountBegun.await(10, TimeUnit.SECONDS));
    assertEquals(10, sessions.get()); // does not wait for the count under way
    finishSecondCount.countDown();
    counting.join(10_000);
    assertEquals(20, sessions.get());
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
