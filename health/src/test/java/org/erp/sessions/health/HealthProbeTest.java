package org.erp.sessions.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.erp.sessions.health.HealthProbe.RateLimitedCheck;
import org.junit.jupiter.api.Test;

class HealthProbeTest {

  private final AtomicLong nanos = new AtomicLong(1_000);
  private final AtomicInteger probes = new AtomicInteger();
  private final AtomicBoolean databaseUp = new AtomicBoolean(true);
  private final RateLimitedCheck check =
      new RateLimitedCheck(
          Duration.ofSeconds(1),
          nanos::get,
          () -> {
            probes.incrementAndGet();
            return databaseUp.get();
          });

  @Test
  void theDatabaseIsAskedAtMostOnceASecond() {
    for (int i = 0; i < 1000; i++) {
      assertTrue(check.result());
      nanos.addAndGet(Duration.ofMillis(1).toNanos() - 1);
    }
    assertEquals(1, probes.get());
    nanos.addAndGet(Duration.ofMillis(2).toNanos());
    check.result();
    assertEquals(2, probes.get());
  }

  @Test
  void anOutageIsSeenWithinASecond() {
    assertTrue(check.result());
    databaseUp.set(false);
    nanos.addAndGet(Duration.ofMillis(500).toNanos());
    assertTrue(check.result(), "the last result, within the second");
    nanos.addAndGet(Duration.ofMillis(500).toNanos());
    assertFalse(check.result());
  }
}
