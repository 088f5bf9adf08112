package org.erp.sessions.infrastructure.http;

import java.time.Instant;
import java.util.Optional;
import org.erp.sessions.application.session.SessionStorage;
import org.erp.sessions.core.SessionState;
import org.erp.sessions.domain.apikey.ApiKeySecret;
import org.erp.sessions.domain.device.EndReason;

/**
 * The storage of a request authenticated by an API key: it has no session, so whatever the
 * request's code stores here lives until the end of the request and is never replicated nor
 * written anywhere. It keeps no identity checks (API.md §12).
 */
final class ApiKeyStorage implements SessionStorage {

  private final String nameForLogs;
  private Stored stored;

  ApiKeyStorage(String presentedKey) {
    // Named in logs (through their hash) by the key's public id, never by the key.
    this.nameForLogs = "api-key:" + ApiKeySecret.idOf(presentedKey).orElse("malformed");
  }

  @Override
  public boolean exists() {
    return false;
  }

  @Override
  public Optional<Stored> read() {
    return Optional.ofNullable(stored);
  }

  @Override
  public void start(SessionState state, Instant at) {
    stored = new Stored(state, at);
  }

  @Override
  public void store(SessionState state) {
    stored = stored == null ? null : new Stored(state, stored.lastActivityAt());
  }

  @Override
  public void touch(Instant at) {
    // A key has no idle deadline to extend.
  }

  @Override
  public String rotateId() {
    return nameForLogs;
  }

  @Override
  public void invalidate(EndReason reason) {
    stored = null;
  }

  @Override
  public String idForLogs() {
    return nameForLogs;
  }

  @Override
  public Optional<Instant> identityCheckedAt() {
    return Optional.empty();
  }

  @Override
  public void identityChecked(Instant at) {
    // Nowhere to keep it: see keepsIdentityChecks.
  }

  @Override
  public boolean keepsIdentityChecks() {
    return false;
  }
}
