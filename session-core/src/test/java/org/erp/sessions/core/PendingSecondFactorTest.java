package org.erp.sessions.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PendingSecondFactorTest {

  @Test
  void thePendingStateEndsAtItsDeadlineNotBefore() {
    Clock start = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    PendingSecondFactor pending =
        new PendingSecondFactor(7, "demo", start.instant().plus(Duration.ofMinutes(5)));
    assertFalse(pending.expired(start.instant()));
    assertFalse(pending.expired(Clock.offset(start, Duration.ofSeconds(299)).instant()));
    assertTrue(pending.expired(Clock.offset(start, Duration.ofMinutes(5)).instant()));
    assertTrue(pending.expired(Clock.offset(start, Duration.ofMinutes(6)).instant()));
  }

  @Test
  void itNeverPrintsTheLogin() {
    assertFalse(new PendingSecondFactor(7, "s3cret-typed-as-login", Instant.EPOCH).toString().contains("s3cret"));
  }
}
