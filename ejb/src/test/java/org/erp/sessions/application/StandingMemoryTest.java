package org.erp.sessions.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StandingMemoryTest {

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final StandingMemory<Integer, String> memory =
      new StandingMemory<>(3, TimeUnit.MINUTES.toNanos(4), TimeUnit.MINUTES.toNanos(50), now::get);

  @Test
  void aValueIsFoundUnderTheVersionItWasKeptUnder() {
    memory.put(1, "v1", "active");

    assertEquals("active", memory.get(1, "v1"));
  }

  @Test
  void aValueKeptBeforeAnyChangeIsFoundWhileNoChangeIsAnnounced() {
    memory.put(1, null, "active");

    assertEquals("active", memory.get(1, null));
  }

  @Test
  void aNewVersionMakesTheKeptValueStaleAndDropsIt() {
    memory.put(1, null, "active");

    assertNull(memory.get(1, "changed"));
    assertEquals(0, memory.size());
  }

  @Test
  void aVersionThatExpiredDoesNotBringBackAValueKeptBeforeIt() {
    memory.put(1, "v1", "active");

    assertNull(memory.get(1, null));
  }

  @Test
  void aValueOlderThanTheRefreshAgeIsReadAgainButStaysTheLastKnownOne() {
    memory.put(1, null, "active");
    now.addAndGet(TimeUnit.MINUTES.toNanos(4) + 1);

    assertNull(memory.get(1, null));
    assertEquals("active", memory.lastKnown(1, null));
  }

  @Test
  void aValueOlderThanTheMaximumAgeIsNotFoundAtAll() {
    memory.put(1, null, "active");
    now.addAndGet(TimeUnit.MINUTES.toNanos(50) + 1);

    assertNull(memory.lastKnown(1, null));
    assertEquals(0, memory.size());
  }

  @Test
  void theLastKnownValueOfAnOlderVersionIsNotFound() {
    memory.put(1, "v1", "active");
    now.addAndGet(TimeUnit.MINUTES.toNanos(5));

    assertNull(memory.lastKnown(1, "v2"));
  }

  @Test
  void aFullMemoryMakesRoomByDroppingValuesOlderThanTheMaximumAge() {
    memory.put(1, null, "a");
    memory.put(2, null, "b");
    now.addAndGet(TimeUnit.MINUTES.toNanos(5));
    memory.put(3, null, "c");

    memory.put(4, null, "d");

    assertEquals("d", memory.get(4, null));
    assertNull(memory.get(1, null));
    assertEquals("c", memory.get(3, null));
  }

  @Test
  void aMemoryFullOfYoungValuesKeepsNoMoreAndStillAnswersForWhatItHolds() {
    memory.put(1, null, "a");
    memory.put(2, null, "b");
    memory.put(3, null, "c");

    memory.put(4, null, "d");

    assertNull(memory.get(4, null));
    assertEquals("a", memory.get(1, null));
    assertEquals(3, memory.size());
  }

  @Test
  void aKeyAlreadyKeptIsReplacedEvenWhenTheMemoryIsFull() {
    memory.put(1, null, "a");
    memory.put(2, null, "b");
    memory.put(3, null, "c");

    memory.put(1, "v2", "a2");

    assertEquals("a2", memory.get(1, "v2"));
  }

  @Test
  void anUpdateKeepsTheVersionAndTheAgeOfTheValueItReplaces() {
    memory.put(1, "v1", "seen at 10:00");
    now.addAndGet(TimeUnit.MINUTES.toNanos(3));

    memory.update(1, old -> "seen at 10:03");

    assertEquals("seen at 10:03", memory.get(1, "v1"));
    now.addAndGet(TimeUnit.MINUTES.toNanos(1) + 1);
    assertNull(memory.get(1, "v1"), "an update never makes a value younger");
    assertEquals("seen at 10:03", memory.lastKnown(1, "v1"));
  }

  @Test
  void anUpdateOfAKeyNotKeptKeepsNothing() {
    memory.update(1, old -> "x");

    assertEquals(0, memory.size());
  }
}
