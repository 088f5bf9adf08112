package org.erp.sessions.application;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a node counts its sessions again: {@link ClusterMembership#countDue}. */
class ClusterMembershipTest {

  private static long nanos(Duration duration) {
    return duration.toNanos();
  }

  @Test
  void aNodeThatNeverCountedCountsNow() {
    assertTrue(ClusterMembership.countDue(-1, 0));
  }

  @Test
  void aCheapCountIsRedoneOnceItIsFiveSecondsOld() {
    long took = nanos(Duration.ofMillis(3));
    assertFalse(ClusterMembership.countDue(took, nanos(Duration.ofMillis(4_999))));
    assertTrue(ClusterMembership.countDue(took, nanos(Duration.ofSeconds(5))));
  }

  @Test
  void aCountOfTwoSecondsIsRedoneAfterFiftyTimesThat() {
    long took = nanos(Duration.ofSeconds(2));
    assertFalse(ClusterMembership.countDue(took, nanos(Duration.ofSeconds(99))));
    assertTrue(ClusterMembership.countDue(took, nanos(Duration.ofSeconds(100))));
  }

  @Test
  void anEndlessCountDoesNotOverflowIntoBeingDueAtOnce() {
    assertFalse(ClusterMembership.countDue(Long.MAX_VALUE / 10, nanos(Duration.ofDays(365))));
  }
}
