package org.erp.sessions.it.core;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.erp.sessions.application.session.SessionService;
import org.erp.sessions.application.session.SessionStorage;
import org.erp.sessions.core.SessionState;
import org.erp.sessions.domain.device.EndReason;

/**
 * One client's session storage in the in-container tests, the way the servlet container keeps
 * it: a session id that changes at every start and rotation, and, when the session is
 * invalidated, the session core told as the container's session listener tells it.
 */
final class MemoryStorage implements SessionStorage {

  private final SessionService sessions;
  private String id;
  private Stored stored;
  private EndReason endedAs;
  private Instant identityCheckedAt;

  MemoryStorage(SessionService sessions) {
    this.sessions = sessions;
  }

  String id() {
    return id;
  }

  EndReason endedAs() {
    return endedAs;
  }

  @Override
  public boolean exists() {
    return id != null;
  }

  @Override
  public Optional<Stored> read() {
    return Optional.ofNullable(stored);
  }

  @Override
  public void start(SessionState state, Instant at) {
    id = UUID.randomUUID().toString();
    stored = new Stored(state, at);
    identityCheckedAt = null;
  }

  @Override
  public void store(SessionState state) {
    stored = new Stored(state, stored.lastActivityAt());
  }

  @Override
  public void touch(Instant at) {
    stored = new Stored(stored.state(), at);
  }

  @Override
  public String rotateId() {
    id = UUID.randomUUID().toString();
    return id;
  }

  @Override
  public void invalidate(EndReason reason) {
    if (id == null) {
      return;
    }
    Stored ending = stored;
    String endingId = id;
    id = null;
    stored = null;
    endedAs = reason;
    if (ending != null) {
      sessions.ended(endingId, ending.state(), reason, false);
    }
  }

  @Override
  public String idForLogs() {
    return id;
  }

  @Override
  public Optional<Instant> identityCheckedAt() {
    return Optional.ofNullable(identityCheckedAt);
  }

  @Override
  public void identityChecked(Instant at) {
    identityCheckedAt = at;
  }
}
