package org.erp.sessions.application.session;

import java.time.Instant;
import java.util.Optional;
import org.erp.sessions.core.SessionState;
import org.erp.sessions.domain.device.EndReason;

/**
 * Where one request's session is kept: the port through which the session core reads and
 * writes it. The HTTP adapter keeps it in the servlet container's distributable HttpSession
 * ({@code infrastructure.http.HttpSessionStorage}); the core never sees that.
 */
public interface SessionStorage {

  /** What a signed-in session holds: its state and when it was last active. */
  record Stored(SessionState state, Instant lastActivityAt) {}

  /** Whether the request came with a session at all (signed in or not). */
  boolean exists();

  /** The signed-in state, if the request's session holds one. */
  Optional<Stored> read();

  /**
   * Starts a signed-in session: a session the request came with is emptied and moved to a new
   * id (never reused: session fixation), else a new one is created.
   */
  void start(SessionState state, Instant at);

  /** Replaces the state (a company switch, a new security stamp). */
  void store(SessionState state);

  /** Records activity: the idle deadline counts from {@code at}. */
  void touch(Instant at);

  /** Gives the session a new id, keeping its content; returns the new id (for logs only). */
  String rotateId();

  /** Ends the session on every node; the end is recorded with this reason. */
  void invalidate(EndReason reason);

  /** The session id, only to be named in logs through {@link SessionLogName}; null if none. */
  String idForLogs();
}
