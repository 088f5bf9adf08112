package org.erp.sessions.application.session;

import java.time.Instant;
import java.util.Optional;
import org.erp.sessions.core.PendingSecondFactor;
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

  /**
   * Replaces the state (a company switch, a new security stamp). A storage that cannot keep it
   * now (durable sessions while their database is away) refuses with 503 and changes nothing.
   */
  void store(SessionState state);

  /** Records activity: the idle deadline counts from {@code at}. */
  void touch(Instant at);

  /** Gives the session a new id, keeping its content; returns the new id (for logs only). */
  String rotateId();

  /**
   * When the session's current id was issued (sign-in or the last rotation); empty when not
   * recorded (then it is the session's creation), or when the session is gone.
   */
  default Optional<Instant> idIssuedAt() {
    return Optional.empty();
  }

  /** Records when the session's current id was issued (after {@link #rotateId}). */
  default void idIssued(Instant at) {}

  /**
   * Ends the session on every node; the end is recorded with this reason. A sign-out ({@code
   * LOGOUT}) that the storage cannot keep now is refused with 503, and the session stays.
   */
  void invalidate(EndReason reason);

  /** The session id, only to be named in logs through {@link SessionLogName}; null if none. */
  String idForLogs();

  /**
   * For the log line of a session ended as not signed in: which attributes it held (names only,
   * never values) and how old it was, so that an unexpected end can be told from an anonymous
   * session. Empty where the storage has nothing to tell.
   */
  default String contentsForLogs() {
    return "";
  }

  /** When the user last proved their identity in this session (API.md §12), if ever. */
  Optional<Instant> identityCheckedAt();

  /** Records an identity check (the sign-in, or a password given again) at {@code at}. */
  void identityChecked(Instant at);

  /** Whether this storage can keep identity checks at all; a request without a session cannot. */
  default boolean keepsIdentityChecks() {
    return true;
  }

  /**
   * The second factor this session waits for, if it holds one (and no signed-in state). Storages
   * that never sign in with a second factor have none.
   */
  default Optional<PendingSecondFactor> pending() {
    return Optional.empty();
  }

  /**
   * Starts a session that waits for its second factor, as {@link #start} does (a session the
   * request came with is emptied and moved to a new id); it holds nothing else, and the store
   * may drop it once {@code timeout} has passed.
   */
  default void startPending(PendingSecondFactor pending, java.time.Duration timeout) {
    throw new UnsupportedOperationException("This storage does not keep pending sign-ins");
  }
}
