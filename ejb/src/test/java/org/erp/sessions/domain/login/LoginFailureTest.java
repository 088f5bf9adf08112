package org.erp.sessions.domain.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginFailureTest {

  private static final Duration COOLDOWN = Duration.ofSeconds(60);
  private final Instant start = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void locksAfterTheThresholdUntilTheCooldownHasPassedSinceTheLastFailure() {
    LoginFailure failure = new LoginFailure("key", start);
    for (int i = 1; i < 5; i++) {
      assertEquals(Duration.ZERO, failure.lockedFor(start.plusSeconds(i), 5, COOLDOWN));
      failure.countFailure(start.plusSeconds(i), COOLDOWN);
    }
    // Five failures, the last at +4 s: locked until +64 s.
    assertEquals(Duration.ofSeconds(59), failure.lockedFor(start.plusSeconds(5), 5, COOLDOWN));
    assertEquals(Duration.ZERO, failure.lockedFor(start.plusSeconds(64), 5, COOLDOWN));
  }

  @Test
  void aFailureAfterAQuietWindowStartsANewCount() {
    LoginFailure failure = new LoginFailure("key", start);
    failure.countFailure(start.plusSeconds(1), COOLDOWN);
    failure.countFailure(start.plusSeconds(62), COOLDOWN);
    assertEquals(Duration.ZERO, failure.lockedFor(start.plusSeconds(63), 2, COOLDOWN));
    failure.countFailure(start.plusSeconds(63), COOLDOWN);
    assertEquals(Duration.ofSeconds(60), failure.lockedFor(start.plusSeconds(63), 2, COOLDOWN));
  }
}
