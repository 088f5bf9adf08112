package org.erp.sessions.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.erp.sessions.application.AdminOverview.MinuteCount;
import org.junit.jupiter.api.Test;

class AdminOverviewTest {

  private static final Instant NOW = Instant.parse("2026-12-01T22:01:37.250Z");

  @Test
  void theHourEndsWithTheCurrentMinute() {
    assertEquals(Instant.parse("2026-12-01T21:02:00Z"), AdminOverview.firstMinute(NOW));
  }

  @Test
  void signInsAreCountedInTheirMinuteWithEveryOtherMinuteZero() {
    Instant first = AdminOverview.firstMinute(NOW);
    List<Instant> signIns =
        List.of(
            Instant.parse("2026-12-01T21:02:00Z"),
            Instant.parse("2026-12-01T21:02:59.999Z"),
            Instant.parse("2026-12-01T21:30:10Z"),
            Instant.parse("2026-12-01T22:01:00Z"),
            Instant.parse("2026-12-01T22:01:37Z"),
            Instant.parse("2026-12-01T22:01:59Z"));

    List<MinuteCount> perMinute = AdminOverview.perMinute(first, signIns);

    assertEquals(60, perMinute.size());
    assertEquals(new MinuteCount(first, 2), perMinute.get(0));
    assertEquals(new MinuteCount(Instant.parse("2026-12-01T21:30:00Z"), 1), perMinute.get(28));
    assertEquals(new MinuteCount(Instant.parse("2026-12-01T22:01:00Z"), 3), perMinute.get(59));
    assertEquals(6, perMinute.stream().mapToInt(MinuteCount::count).sum());
  }

  @Test
  void signInsOutsideTheHourAreLeftOut() {
    Instant first = AdminOverview.firstMinute(NOW);
    List<Instant> signIns =
        List.of(first.minusMillis(1), Instant.parse("2026-12-01T22:02:00Z"));

    List<MinuteCount> perMinute = AdminOverview.perMinute(first, signIns);

    assertEquals(0, perMinute.stream().mapToInt(MinuteCount::count).sum());
  }
}
