package org.erp.sessions.store;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * {@code erp.device.activity-resolution} as this module reads it, when a cache starts: a system
 * property, else the environment variable, else {@code PT1M}, the default of ErpConfig (ejb),
 * which owns the setting but lives in the EAR, out of this server module's reach. A value ErpConfig
 * refuses stops the deployment there; here it falls back to the default.
 */
final class AccessTimeResolution {

  static final String PROPERTY = "erp.device.activity-resolution";
  static final String VARIABLE = "ERP_DEVICE_ACTIVITY_RESOLUTION";
  static final Duration DEFAULT = Duration.ofMinutes(1);

  private AccessTimeResolution() {}

  static Duration current() {
    return parse(System.getProperty(PROPERTY, System.getenv(VARIABLE)));
  }

  static Duration parse(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT;
    }
    try {
      Duration parsed = Duration.parse(value.trim());
      return parsed.isNegative() || parsed.isZero() ? DEFAULT : parsed;
    } catch (DateTimeParseException e) {
      return DEFAULT;
    }
  }
}
