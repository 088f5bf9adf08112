package org.erp.sessions.domain.login;

import java.time.Duration;

/**
 * When attempts counted under one key are held back: from the {@code threshold}-th attempt within
 * {@code window} of the previous one, the next waits {@code pause} after the last. A cooldown has
 * {@code pause} equal to {@code window} (refused until the window is quiet); a slow-down has a
 * short {@code pause} (one attempt per pause).
 */
public record ThrottleRule(int threshold, Duration window, Duration pause) {

  public ThrottleRule {
    if (threshold < 1 || window.isNegative() || window.isZero() || pause.isNegative()) {
      throw new IllegalArgumentException("A throttle needs a positive threshold and window.");
    }
  }

  public static ThrottleRule cooldown(int threshold, Duration cooldown) {
    return new ThrottleRule(threshold, cooldown, cooldown);
  }
}
