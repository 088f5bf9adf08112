package org.erp.sessions.domain.device;

import java.time.Instant;

/**
 * A device as listed (API.md §4). {@code current} is null in administrators' lists, where it
 * has no meaning. {@code kind}: a session, or an API key (§13), which has a {@code name} and no
 * address nor browser.
 */
public record DeviceView(
    String id,
    Boolean current,
    String ipAddress,
    String userAgent,
    String browser,
    String platform,
    Instant createdAt,
    Instant lastActivityAt,
    String kind,
    String name) {

  public static final String SESSION = "session";
  public static final String API_KEY = "api_key";
}
