package org.erp.sessions.domain.device;

import java.time.Duration;
import java.time.Instant;

/** What the per-request validity check needs of a device: whether it is open, and its activity. */
public record DeviceStanding(boolean open, Instant lastActivityAt) {

  /** Whether the device's activity is older than the resolution, so a request should record it. */
  public boolean activityDue(Instant now, Duration resolution) {
    return Duration.between(lastActivityAt, now).compareTo(resolution) >= 0;
  }
}
