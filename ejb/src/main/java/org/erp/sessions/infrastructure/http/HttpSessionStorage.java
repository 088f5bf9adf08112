package org.erp.sessions.infrastructure.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.TreeSet;
import java.util.logging.Logger;
import org.erp.sessions.application.ClusterMembership;
import org.erp.sessions.application.session.SessionStorage;
import org.erp.sessions.core.PendingSecondFactor;
import org.erp.sessions.core.SessionState;
import org.erp.sessions.domain.device.EndReason;
import org.erp.sessions.infrastructure.SessionStoreReach;
import org.erp.sessions.servlet.MissingSessionLookup;

/**
 * The session core's storage on the servlet container's distributable HttpSession (replicated
 * by Infinispan, shared by every WAR of the EAR): two attributes, the immutable {@link
 * SessionState} and the last activity as epoch milliseconds. Immutable values are replicated when
 * set, never on a mere read.
 */
public final class HttpSessionStorage implements SessionStorage {

  static final String STATE = "erp.state";
  static final String LAST_ACTIVITY = "erp.last-activity";
  /**
   * The last identity check, as epoch milliseconds: an attribute of its own (an immutable Long),
   * so recording a check replicates one small value and leaves {@link SessionState} alone.
   */
  static final String IDENTITY_CHECKED = "erp.identity-checked";

  static final String PENDING = "erp.pending-second-factor";

  /** When the current id was issued, epoch milliseconds: a value of its own, set at each id. */
  static final String ID_ISSUED = "erp.id-issued";

  /**
   * A request attribute: why the session this request invalidates ends, read by the web
   * module's session listener, which runs inside {@code invalidate()}.
   */
  public static final String ENDING_AS = "org.erp.sessions.ending-as";

  private static final Logger LOG = Logger.getLogger(HttpSessionStorage.class.getName());

  /**
   * For how long after a member joined or left a session that is not found is looked for again,
   * how many times and how far apart. In that time WildFly 39.0.1's session manager can answer
   * "no such session" for a session that is there: a lookup that waits for a lock held by a
   * transaction of the cache's old topology resumes in the thread of the request that releases the
   * lock, reads the attributes inside that request's finished transaction and fails; the failure
   * is taken for a missing session (FineSessionAttributesFactory logs it as a WARN "... is not in a
   * valid state to be invoking cache operations on"), and every concurrent lookup of the session
   * shares that answer. Seen on the survivor of a crash half a second after it: three writes
   * answered 401 whose session served the next ones (SessionFailoverClusterIT, midwrite).
   */
  static final Duration RETRY_WINDOW = Duration.ofSeconds(60);

  static final int RETRIES = 5;
  static final long RETRY_PAUSE_MILLIS = 200;

  private final HttpServletRequest request;
  private final SessionStoreReach storeReach;
  private final ClusterMembership membership;

  public HttpSessionStorage(
      HttpServletRequest request, SessionStoreReach storeReach, ClusterMembership membership) {
    this.request = request;
    this.storeReach = storeReach;
    this.membership = membership;
  }

  /** The signed-in state an ending session held (for the session listener), if any. */
  public static Optional<SessionState> stateOf(HttpSession session) {
    try {
      return session.getAttribute(STATE) instanceof SessionState state
          ? Optional.of(state)
          : Optional.empty();
    } catch (IllegalStateException invalidated) {
      return Optional.empty();
    }
  }

  /**
   * Asks the store once more for a session cookie an earlier lookup of this request did not find
   * ({@link MissingSessionLookup}): this is where the request is found signed in or not. A
   * session this request can no longer use (another request ended it, or it is closed for this
   * one) counts as none here, so that it is answered 401 but never ended from here. Shortly after
   * a change of the cluster's members, a miss is looked up again a few times ({@link
   * #RETRY_WINDOW}).
   */
  @Override
  public boolean exists() {
    HttpSession session = request.getSession(false);
    if (session == null && request.getRequestedSessionId() != null) {
      session = lookAgain();
      for (int retry = 0;
          session == null && retry < RETRIES && membership.changedWithin(RETRY_WINDOW);
          retry++) {
        if (!pause()) {
          break;
        }
        session = lookAgain();
        if (session != null) {
          int lookups = retry + 3;
          LOG.info(
              () ->
                  "After a change of cluster members, a session the session manager had not"
                      + " found was found at lookup "
                      + lookups
                      + " of its request.");
        }
      }
    }
    if (session == null) {
      return false;
    }
    try {
      session.getCreationTime();
      return true;
    } catch (IllegalStateException endedOrClosed) {
      return false;
    }
  }

  /** Asks the store for the requested session even if an earlier lookup of the request missed. */
  private HttpSession lookAgain() {
    request.setAttribute(MissingSessionLookup.LOOK_AGAIN, Boolean.TRUE);
    try {
      return request.getSession(false);
    } finally {
      request.removeAttribute(MissingSessionLookup.LOOK_AGAIN);
    }
  }

  private static boolean pause() {
    try {
      Thread.sleep(RETRY_PAUSE_MILLIS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public Optional<Stored> read() {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Optional.empty();
    }
    try {
      if (session.getAttribute(STATE) instanceof SessionState state
          && session.getAttribute(LAST_ACTIVITY) instanceof Long last) {
        return Optional.of(new Stored(state, Instant.ofEpochMilli(last)));
      }
    } catch (IllegalStateException invalidated) {
      // Another request ended it a moment ago.
    }
    return Optional.empty();
  }

  /**
   * Emptying and re-identifying the session the request came with, rather than invalidating it
   * and creating a second one in the same request, keeps the session manager to one session per
   * request.
   */
  @Override
  public void start(SessionState state, Instant at) {
    HttpSession session = emptiedUnderNewId();
    session.setMaxInactiveInterval((int) Math.max(1, state.idleTimeout().toSeconds()));
    session.setAttribute(STATE, state);
    session.setAttribute(LAST_ACTIVITY, at.toEpochMilli());
    session.setAttribute(ID_ISSUED, at.toEpochMilli());
  }

  @Override
  public Optional<PendingSecondFactor> pending() {
    HttpSession session = request.getSession(false);
    try {
      return session != null && session.getAttribute(PENDING) instanceof PendingSecondFactor pending
          ? Optional.of(pending)
          : Optional.empty();
    } catch (IllegalStateException invalidated) {
      return Optional.empty();
    }
  }

  /** The container drops it a little after its deadline; the check at each request is exact. */
  @Override
  public void startPending(PendingSecondFactor pending, java.time.Duration timeout) {
    HttpSession session = emptiedUnderNewId();
    session.setMaxInactiveInterval((int) Math.max(60, timeout.toSeconds() + 60));
    session.setAttribute(PENDING, pending);
  }

  private HttpSession emptiedUnderNewId() {
    HttpSession session = request.getSession(false);
    if (session != null) {
      for (String name : Collections.list(session.getAttributeNames())) {
        session.removeAttribute(name);
      }
      request.changeSessionId();
    } else {
      session = request.getSession(true);
    }
    return session;
  }

  @Override
  public void store(SessionState state) {
    // Held by the session alone (a company switch): kept only if its store can take it.
    storeReach.requireDurable();
    request.getSession(false).setAttribute(STATE, state);
  }

  @Override
  public void touch(Instant at) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return;
    }
    try {
      session.setAttribute(LAST_ACTIVITY, at.toEpochMilli());
    } catch (IllegalStateException replaced) {
      // A parallel request rotated its id (and recorded activity on the new one) or ended it.
    }
  }

  @Override
  public String rotateId() {
    return request.changeSessionId();
  }

  /**
   * A session that a parallel request ended, or replaced by a new id, a moment ago counts as just
   * issued: there is nothing left to rotate.
   */
  @Override
  public Optional<Instant> idIssuedAt() {
    HttpSession session = request.getSession(false);
    try {
      return session != null && session.getAttribute(ID_ISSUED) instanceof Long issued
          ? Optional.of(Instant.ofEpochMilli(issued))
          : Optional.empty();
    } catch (IllegalStateException replacedOrEnded) {
      return Optional.of(Instant.MAX);
    }
  }

  @Override
  public void idIssued(Instant at) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.setAttribute(ID_ISSUED, at.toEpochMilli());
    }
  }

  @Override
  public void invalidate(EndReason reason) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return;
    }
    if (reason == EndReason.LOGOUT) {
      // A sign-out the user asked for must not be forgotten: the session cache keeps, on every
      // node, a session it cannot remove from its store. An end the server decides (expiry,
      // revocation) is decided again at the session's next request, so it never waits.
      storeReach.requireDurable();
    }
    request.setAttribute(ENDING_AS, reason);
    try {
      session.invalidate();
    } catch (IllegalStateException alreadyInvalidated) {
      // Another request ended it first: the outcome is the same.
    }
  }

  @Override
  public Optional<Instant> identityCheckedAt() {
    HttpSession session = request.getSession(false);
    try {
      return session != null && session.getAttribute(IDENTITY_CHECKED) instanceof Long at
          ? Optional.of(Instant.ofEpochMilli(at))
          : Optional.empty();
    } catch (IllegalStateException invalidated) {
      return Optional.empty();
    }
  }

  @Override
  public void identityChecked(Instant at) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.setAttribute(IDENTITY_CHECKED, at.toEpochMilli());
    }
  }

  @Override
  public String contentsForLogs() {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return "";
    }
    try {
      long now = System.currentTimeMillis();
      return " (attributes "
          + new TreeSet<>(Collections.list(session.getAttributeNames()))
          + ", created "
          + (now - session.getCreationTime())
          + " ms ago, last accessed "
          + (now - session.getLastAccessedTime())
          + " ms ago)";
    } catch (IllegalStateException invalidated) {
      return " (invalidated meanwhile)";
    }
  }

  @Override
  public String idForLogs() {
    HttpSession session = request.getSession(false);
    return session == null ? null : session.getId();
  }
}
