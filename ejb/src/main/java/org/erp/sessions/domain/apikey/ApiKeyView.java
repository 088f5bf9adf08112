package org.erp.sessions.domain.apikey;

import java.time.Instant;

/** An API key as listed (API.md §13): never the key nor its hash. */
public record ApiKeyView(
    String id, int userId, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {}
