package org.erp.sessions.domain.device;

import java.time.Instant;

/**
 * A device as listed (API.md §4). {@code current} is null in administrators' lists, where it
 * has no meaning.
 */
public record DeviceView(
    String id,
    Boolean current,
    String ipAddress,
    String userAgent,
    String browser,
    String platform,
    Instant createdAt,
    Instant lastActivityAt) {}
