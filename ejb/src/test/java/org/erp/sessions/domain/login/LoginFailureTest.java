package org.erp.sessions.domain.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginFailureTest {

  private static final Duration COOLDOWN = Duration.ofSeconds(60);
  private static final ThrottleRule FIVE = ThrottleRule.cooldown(5, COOLDOWN);
  private final Instant start = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void holdsBackAfterTheThresholdUntilTheCooldownHasPassedSinceTheLastAttempt() {
    LoginFailure counter = new LoginFailure("key", start);
    for (int i = 1; i <= 5; i++) {
      assertEquals(Duration.ZERO, counter.waitBeforeNextAttempt(start.plusSeconds(i), FIVE));
      counter.countAttempt(start.plusSeconds(i), FIVE);
    }
    // Five attempts, the last at +5 s: held back until +65 s.
    assertEquals(Duration.ofSeconds(59), counter.waitBeforeNextAttempt(start.plusSeconds(6), FIVE));
    assertEquals(Duration.ZERO, counter.waitBeforeNextAttempt(start.plusSeconds(65), FIVE));
  }

  @Test
  void anAttemptAfterAQuietWindowStartsANewCount() {
    ThrottleRule two = ThrottleRule.cooldown(2, COOLDOWN);
    LoginFailure counter = new LoginFailure("key", start);
    counter.countAttempt(start.plusSeconds(1), two);
    counter.countAttempt(start.plusSeconds(62), two);
    assertEquals(1, counter.attempts());
    assertEquals(Duration.ZERO, counter.waitBeforeNextAttempt(start.plusSeconds(63), two));
    counter.countAttempt(start.plusSeconds(63), two);
    assertEquals(Duration.ofSeconds(60), counter.waitBeforeNextAttempt(start.plusSeconds(63), two));
  }

  @Test
  void anAttemptGivenBackNoLongerCounts() {
    LoginFailure counter = new LoginFailure("key", start);
    for (int i = 0; i < 5; i++) {
      counter.countAttempt(start, FIVE);
    }
    counter.giveBack();
    assertEquals(4, counter.attempts());
    assertEquals(Duration.ZERO, counter.waitBeforeNextAttempt(start.plusSeconds(1), FIVE));
  }

  @Test
  void aSlowDownLetsOneAttemptThroughPerPause() {
    ThrottleRule slow = new ThrottleRule(3, COOLDOWN, Duration.ofSeconds(5));
    LoginFailure counter = new LoginFailure("key", start);
    for (int i = 0; i < 3; i++) {
      counter.countAttempt(start, slow);
    }
    assertEquals(Duration.ofSeconds(4), counter.waitBeforeNextAttempt(start.plusSeconds(1), slow));
    assertEquals(Duration.ZERO, counter.waitBeforeNextAttempt(start.plusSeconds(5), slow));
    counter.countAttempt(start.plusSeconds(5), slow);
    assertEquals(Duration.ofSeconds(5), counter.waitBeforeNextAttempt(start.plusSeconds(5), slow));
  }
}
