package org.erp.sessions.web.rest;

import java.time.Instant;
import org.erp.sessions.domain.apikey.ApiKeyView;

/**
 * An API key as answered (API.md §13). {@code key} is present only in the answer that created
 * it; {@code expires_at} and {@code last_used_at} are absent when there is none.
 */
public record ApiKeyResponse(
    String id, String name, String key, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

  static ApiKeyResponse listed(ApiKeyView view) {
    return new ApiKeyResponse(
        view.id(), view.name(), null, view.createdAt(), view.expiresAt(), view.lastUsedAt());
  }

  static ApiKeyResponse created(ApiKeyView view, String key) {
    return new ApiKeyResponse(view.id(), view.name(), key, view.createdAt(), view.expiresAt(), null);
  }
}
