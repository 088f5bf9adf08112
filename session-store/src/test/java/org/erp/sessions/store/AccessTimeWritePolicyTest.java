package org.erp.sessions.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.erp.sessions.store.AccessTimeWritePolicy.Stored;
import org.junit.jupiter.api.Test;

class AccessTimeWritePolicyTest {

  private static final Instant CREATED = Instant.parse("2026-12-03T10:00:00Z");
  private static final Duration IDLE = Duration.ofHours(2);
  private final AccessTimeWritePolicy policy = new AccessTimeWritePolicy(Duration.ofMinutes(1));
  private final Stored storedAtTen = new Stored(CREATED, IDLE, false, CREATED.plusSeconds(10));

  @Test
  void anAccessOnlyChangeWithinTheResolutionWaits() {
    assertTrue(policy.mayDefer(storedAtTen, CREATED, IDLE, false, CREATED.plusSeconds(69)));
  }

  @Test
  void anAccessOnlyChangeAResolutionAfterTheLastStoreIsStored() {
    assertFalse(policy.mayDefer(storedAtTen, CREATED, IDLE, false, CREATED.plusSeconds(70)));
  }

  @Test
  void anEntryNeverStoredByThisNodeIsStored() {
    assertFalse(policy.mayDefer(null, CREATED, IDLE, false, CREATED.plusSeconds(11)));
  }

  @Test
  void aChangedIdleTimeoutIsStoredAtOnce() {
    assertFalse(
        policy.mayDefer(storedAtTen, CREATED, Duration.ofHours(1), false, CREATED.plusSeconds(11)));
  }

  @Test
  void theFirstAccessAfterCreationIsStoredSoTheStoreNoLongerSeesANewSession() {
    Stored storedNew = new Stored(CREATED, IDLE, true, CREATED);
    assertFalse(policy.mayDefer(storedNew, CREATED, IDLE, false, CREATED.plusSeconds(1)));
    assertFalse(policy.mayDefer(storedAtTen, CREATED, IDLE, true, CREATED.plusSeconds(11)));
  }

  @Test
  void anotherSessionUnderTheSameIdIsStoredAtOnce() {
    assertFalse(
        policy.mayDefer(storedAtTen, CREATED.plusSeconds(5), IDLE, false, CREATED.plusSeconds(11)));
  }

  @Test
  void aShortIdleTimeoutShortensTheWindowToATenthOfIt() {
    Duration idle = Duration.ofSeconds(15);
    Stored stored = new Stored(CREATED, idle, false, CREATED);

    assertEquals(Duration.ofMillis(1500), policy.window(idle));
    assertTrue(policy.mayDefer(stored, CREATED, idle, false, CREATED.plusMillis(1499)));
    assertFalse(policy.mayDefer(stored, CREATED, idle, false, CREATED.plusMillis(1500)));
  }

  @Test
  void anImmortalSessionWaitsTheWholeResolution() {
    assertEquals(Duration.ofMinutes(1), policy.window(Duration.ZERO));
  }

  @Test
  void theResolutionComesFromTheSettingAndFallsBackToItsDefault() {
    assertEquals(Duration.ofSeconds(5), AccessTimeResolution.parse("PT5S"));
    assertEquals(Duration.ofMinutes(1), AccessTimeResolution.parse(null));
    assertEquals(Duration.ofMinutes(1), AccessTimeResolution.parse("P1X"));
    assertEquals(Duration.ofMinutes(1), AccessTimeResolution.parse("PT0S"));
  }
}
