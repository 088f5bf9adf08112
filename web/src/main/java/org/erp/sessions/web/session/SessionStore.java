package org.erp.sessions.web.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.erp.sessions.application.SessionValidity;
import org.erp.sessions.application.SessionValidity.Standing;
import org.erp.sessions.domain.data.SessionDataRules;
import org.erp.sessions.domain.user.UserView;
import org.erp.sessions.web.session.CurrentSession.ValidSession;

/**
 * The one place that knows how a session is stored: in the HttpSession the authenticated state
 * and the last activity; the custom data in {@link SessionDataStore}, keyed by the session's
 * device handle (concurrent writes of different keys through any nodes lose nothing there).
 */
@ApplicationScoped
public class SessionStore {

  private static final Logger LOG = Logger.getLogger(SessionStore.class.getName());

  static final String STATE = "erp.state";
  static final String LAST_ACTIVITY = "erp.last-activity";

  /** Activity is stored at most once a second: a burst of requests replicates one write. */
  private static final Duration ACTIVITY_GRANULARITY = Duration.ofSeconds(1);

  @Inject private SessionValidity validity;
  @Inject private SessionDataStore data;
  @Inject private SessionAudit audit;

  /**
   * Starts an authenticated session for the user. A session the request came with is emptied,
   * data and all, and moved to a new id, so an id planted before login never becomes valid
   * (session fixation). (Emptying and re-identifying, rather than invalidating and creating a
   * second session in the same request, keeps the session manager to one session per request.)
   */
  public ValidSession start(
      HttpServletRequest request, UserView user, SessionState state) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      if (session.getAttribute(STATE) instanceof SessionState previous) {
        clearDataOfEndedSession(previous.deviceId());
      }
      for (String name : Collections.list(session.getAttributeNames())) {
        session.removeAttribute(name);
      }
      request.changeSessionId();
    } else {
      session = request.getSession(true);
    }
    Instant now = state.createdAt();
    session.setMaxInactiveInterval((int) Math.max(1, state.idleTimeout().toSeconds()));
    session.setAttribute(STATE, state);
    session.setAttribute(LAST_ACTIVITY, now.toEpochMilli());
    return new ValidSession(session, state, user, now);
  }

  /**
   * The request's session if it is still valid: authenticated, within its idle and absolute
   * deadlines, its device not ended, and its user active with an unchanged security stamp. An
   * invalid session is invalidated here, so it cannot be used again on any node. With {@code
   * activity} the device's last activity may be recorded.
   */
  public Optional<ValidSession> validate(HttpServletRequest request, boolean activity) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Optional.empty();
    }
    try {
      Object state = session.getAttribute(STATE);
      Object lastActivity = session.getAttribute(LAST_ACTIVITY);
      if (!(state instanceof SessionState s) || !(lastActivity instanceof Long last)) {
        audit.ended(session.getId(), "not signed in");
        invalidate(session);
        return Optional.empty();
      }
      Instant now = Instant.now();
      Instant lastActivityAt = Instant.ofEpochMilli(last);
      boolean expired =
          !now.isBefore(s.absoluteExpiresAt()) || !now.isBefore(lastActivityAt.plus(s.idleTimeout()));
      Optional<Standing> standing =
          expired ? Optional.empty() : validity.check(s.uid(), s.deviceId(), s.securityStamp());
      if (standing.isEmpty()) {
        audit.ended(
            session.getId(),
            expired ? "timed out" : "revoked, password changed or user deactivated");
        invalidate(session);
        return Optional.empty();
      }
      if (activity && standing.get().activityDue()) {
        recordDeviceActivity(s.deviceId());
      }
      return Optional.of(new ValidSession(session, s, standing.get().user(), lastActivityAt));
    } catch (IllegalStateException alreadyInvalidated) {
      return Optional.empty();
    }
  }

  /** Best effort: unreachable under the new session's handle, and it expires anyway. */
  private void clearDataOfEndedSession(String deviceId) {
    try {
      data.clear(deviceId);
    } catch (RuntimeException cacheUnavailable) {
      LOG.log(Level.FINE, "Session data not removed: " + cacheUnavailable.getClass().getName());
    }
  }

  /** Best effort: the session itself stands even when the database cannot take the write. */
  private void recordDeviceActivity(String deviceId) {
    try {
      validity.recordActivity(deviceId);
    } catch (RuntimeException databaseUnavailable) {
      LOG.log(Level.FINE, "Device activity not recorded: " + databaseUnavailable.getClass().getName());
    }
  }

  /** Extends the idle deadline (never the absolute one). */
  public ValidSession recordActivity(ValidSession valid) {
    Instant now = Instant.now();
    if (Duration.between(valid.lastActivityAt(), now).compareTo(ACTIVITY_GRANULARITY) < 0) {
      return valid;
    }
    valid.session().setAttribute(LAST_ACTIVITY, now.toEpochMilli());
    return new ValidSession(valid.session(), valid.state(), valid.user(), now);
  }

  /** Stores a changed state (company switch, new security stamp). */
  public ValidSession update(ValidSession valid, SessionState state) {
    valid.session().setAttribute(STATE, state);
    return new ValidSession(valid.session(), state, valid.user(), valid.lastActivityAt());
  }

  /** Ends the session on every node; its data goes with it. */
  public void invalidate(HttpSession session) {
    try {
      session.invalidate();
    } catch (IllegalStateException alreadyInvalidated) {
      // Another request ended it first: the outcome is the same.
    }
  }

  /** The custom data of the session, key to compact JSON, sorted by key. */
  public Map<String, String> data(ValidSession valid) {
    return data.all(valid.state().deviceId());
  }

  public Optional<String> data(ValidSession valid, String key) {
    return data.get(valid.state().deviceId(), key);
  }

  /** Stores a value if the rules allow it; a refusal changes nothing. */
  public void putData(ValidSession valid, String key, String compactJson, SessionDataRules rules) {
    SessionState state = valid.state();
    data.put(state.deviceId(), key, compactJson, rules, state.absoluteExpiresAt());
  }

  public void removeData(ValidSession valid, String key) {
    SessionState state = valid.state();
    data.remove(state.deviceId(), key, state.absoluteExpiresAt());
  }

  public void clearData(ValidSession valid) {
    data.clear(valid.state().deviceId());
  }
}
