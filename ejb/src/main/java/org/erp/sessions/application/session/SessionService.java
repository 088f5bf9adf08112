package org.erp.sessions.application.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.erp.sessions.application.AuthenticationService;
import org.erp.sessions.application.AuthenticationService.Authenticated;
import org.erp.sessions.application.ContextService;
import org.erp.sessions.application.DeviceRegistry.OpenedDevice;
import org.erp.sessions.application.DeviceRegistry;
import org.erp.sessions.application.SessionValidity.Standing;
import org.erp.sessions.application.SessionValidity;
import org.erp.sessions.application.UserDirectory;
import org.erp.sessions.application.session.SessionStorage.Stored;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.core.PendingSecondFactor;
import org.erp.sessions.core.SessionExpiry;
import org.erp.sessions.core.SessionState;
import org.erp.sessions.domain.data.SessionDataRules;
import org.erp.sessions.domain.device.EndReason;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.user.UserView;
import org.erp.sessions.infrastructure.SessionDataStore;
import org.erp.sessions.infrastructure.SessionStoreReach;
import org.erp.sessions.infrastructure.metrics.ErpMetrics.LoginOutcome;
import org.erp.sessions.infrastructure.metrics.ErpMetrics.Store;
import org.erp.sessions.infrastructure.metrics.ErpMetrics;

/**
 * The session core: sign-in, the per-request check, activity, expiry, company switch, password
 * change with rotation, sign-out and the session's custom data, for the REST API, the Odoo
 * routes and ERP modules alike. It works on a {@link SessionStorage} and a {@link ClientInfo},
 * never on a request; time comes from the injected {@link Clock}, the expiry rule from {@link
 * SessionExpiry}.
 */
@ApplicationScoped
public class SessionService {

  private static final Logger LOG = Logger.getLogger(SessionService.class.getName());

  /** Activity is stored at most once a second: a burst of requests replicates one write. */
  private static final Duration ACTIVITY_GRANULARITY = Duration.ofSeconds(1);

  @Inject private AuthenticationService authentication;
  @Inject private DeviceRegistry devices;
  @Inject private SessionValidity validity;
  @Inject private ContextService contexts;
  @Inject private UserDirectory users;
  @Inject private SessionDataStore data;
  @Inject private SessionStoreReach storeReach;
  @Inject private SessionAudit audit;
  @Inject private ErpConfig config;
  @Inject private Clock clock;
  @Inject private ErpMetrics metrics;

  /**
   * Checks the credentials (with the cooldown), records the new session in the device log
   * (under the concurrent-session limit) and starts it. Whatever session the request came with
   * ends here, data and all.
   */
  public ActiveSession signIn(
      SessionStorage storage, String login, String password, ClientInfo client) {
    return start(storage, authenticate(login, password, client).user(), client);
  }

  /** Checks the credentials (with the cooldown); a refusal is audited and counted. */
  public Authenticated authenticate(String login, String password, ClientInfo client) {
    try {
      return authentication.authenticate(login, password, client.address());
    } catch (ErpException refused) {
      audit.refused(refused.code(), client.address());
      metrics.login(outcomeOf(refused));
      throw refused;
    }
  }

  /**
   * Starts the signed-in session of a user whose credentials were checked: records it in the
   * device log (under the concurrent-session limit), under a new session id.
   */
  public ActiveSession start(SessionStorage storage, UserView user, ClientInfo client) {
    Instant now = clock.instant();
    Duration idle = config.idleTimeout();
    Instant absoluteDeadline = now.plus(config.absoluteTimeout());
    Optional<Stored> previous = storage.read();
    // The session this browser had ends now, so it does not count against the session limit.
    previous.ifPresent(old -> devices.end(old.state().deviceId(), EndReason.LOGOUT));
    OpenedDevice device;
    try {
      device = devices.open(user.uid(), client.address(), client.userAgent(), idle, absoluteDeadline);
    } catch (ErpException refused) {
      metrics.login(outcomeOf(refused));
      throw refused;
    }
    SessionState state =
        SessionState.start(
            user.uid(),
            user.companyIds(),
            user.securityStamp(),
            device.createdAt(),
            absoluteDeadline,
            idle,
            device.id());
    previous.ifPresent(old -> clearDataQuietly(old.state().deviceId()));
    storage.start(state, state.createdAt());
    storage.identityChecked(state.createdAt()); // the password just given counts as a check
    audit.signedIn(storage.idForLogs(), user.uid(), client.address());
    metrics.login(LoginOutcome.OK);
    if (device.evicted() > 0) {
      audit.evictedByLimit(storage.idForLogs(), user.uid(), device.evicted());
    }
    return new ActiveSession(state, user, state.createdAt(), false);
  }

  /**
   * After a right password of a user with two-factor authentication: a new session (new id)
   * that only waits for the code, until {@code erp.totp.pending-timeout}. Whatever session the
   * request came with ends here, as at any sign-in.
   */
  public PendingSecondFactor startPending(SessionStorage storage, UserView user, String login) {
    Optional<Stored> previous = storage.read();
    previous.ifPresent(old -> devices.end(old.state().deviceId(), EndReason.LOGOUT));
    previous.ifPresent(old -> clearDataQuietly(old.state().deviceId()));
    Duration timeout = config.totpPendingTimeout();
    PendingSecondFactor pending =
        new PendingSecondFactor(user.uid(), login, clock.instant().plus(timeout));
    storage.startPending(pending, timeout);
    metrics.login(LoginOutcome.PENDING_2FA);
    return pending;
  }

  /**
   * The second factor this session waits for, if it still may come; a pending session past its
   * deadline is ended here.
   */
  public Optional<PendingSecondFactor> pending(SessionStorage storage) {
    Optional<PendingSecondFactor> pending = storage.pending();
    if (pending.isPresent() && pending.get().expired(clock.instant())) {
      end(storage, "second factor not given in time", EndReason.EXPIRED);
      return Optional.empty();
    }
    return pending;
  }

  /**
   * The request's session if it still stands: signed in, within its idle and absolute deadlines,
   * its device not ended, its user active with an unchanged security stamp. A session that does
   * not stand is ended here, on every node, so it cannot be used again. Writes nothing.
   */
  public Optional<ActiveSession> validate(SessionStorage storage) {
    if (!storage.exists()) {
      return Optional.empty();
    }
    Optional<Stored> stored = storage.read();
    if (stored.isEmpty()) {
      // A session waiting for its second factor is not signed in, but stays for the code.
      if (pending(storage).isEmpty() && storage.exists()) {
        end(storage, "not signed in" + storage.contentsForLogs(), EndReason.EXPIRED);
      }
      return Optional.empty();
    }
    SessionState state = stored.get().state();
    Instant lastActivity = stored.get().lastActivityAt();
    boolean expired = SessionExpiry.ended(state, lastActivity, clock.instant());
    Optional<Standing> standing =
        expired
            ? Optional.empty()
            : validity.check(state.uid(), state.deviceId(), state.securityStamp());
    if (standing.isEmpty()) {
      end(
          storage,
          expired ? "timed out" : "revoked, password changed or user deactivated",
          EndReason.EXPIRED);
      return Optional.empty();
    }
    return Optional.of(
        new ActiveSession(state, standing.get().user(), lastActivity, standing.get().activityDue()));
  }

  /** Counts a request as activity: extends the idle deadline (never the absolute one). */
  public ActiveSession recordActivity(SessionStorage storage, ActiveSession active) {
    if (active.deviceActivityDue()) {
      recordDeviceActivity(active.state().deviceId());
    }
    Instant now = clock.instant();
    if (Duration.between(active.lastActivityAt(), now).compareTo(ACTIVITY_GRANULARITY) < 0) {
      return active;
    }
    storage.touch(now);
    return active.activeAt(now);
  }

  /**
   * Makes the first company current and the others active; 403 for one the user may not use, 503
   * while durable sessions cannot reach their database (nothing changes).
   */
  public ActiveSession selectCompanies(
      SessionStorage storage, ActiveSession active, List<Integer> selection) {
    List<Integer> checked = contexts.selectCompanies(active.user(), selection);
    SessionState changed = active.state().withActiveCompanies(checked);
    storage.store(changed);
    return active.with(changed);
  }

  /** Stores the user's language and/or time zone; every session of the user sees them. */
  public ActiveSession changePreferences(ActiveSession active, String lang, String tz) {
    return active.with(users.updatePreferences(active.uid(), lang, tz));
  }

  /**
   * Changes the password: every other session of the user ends, and this one continues under a
   * new session id and a new CSRF token.
   */
  public ActiveSession changePassword(
      SessionStorage storage,
      ActiveSession active,
      String currentPassword,
      String newPassword,
      ClientInfo client) {
    UserView updated =
        authentication.changePassword(
            active.uid(), active.state().deviceId(), currentPassword, newPassword, client.address());
    SessionState changed = active.state().afterPasswordChange(updated.securityStamp());
    storage.store(changed);
    String newId = storage.rotateId();
    audit.passwordChanged(newId, active.uid());
    return active.with(changed).with(updated);
  }

  /**
   * Ends the session on every node, data and all, and closes its device. With durable sessions
   * the database must answer first: the session cache cannot remove a session it cannot remove
   * from its store, and keeps it, on every node, while the request answers as if it had (seen in
   * a database outage: the session was served again once the database returned). So a sign-out
   * then gets 503 and changes nothing, as every other change does.
   */
  public void signOut(SessionStorage storage, ActiveSession active) {
    end(storage, "signed out", EndReason.LOGOUT);
    try {
      devices.end(active.state().deviceId(), EndReason.LOGOUT);
    } catch (RuntimeException databaseUnavailable) {
      LOG.log(Level.WARNING, "Device not closed at sign-out: " + databaseUnavailable.getClass().getName());
    }
  }

  /** Ends a session that was still waiting for its second factor (a sign-out). */
  public void cancelPending(SessionStorage storage) {
    end(storage, "signed out before the second factor", EndReason.LOGOUT);
  }

  /**
   * A session ended, however (sign-out, expiry in the container, invalidation by a check): its
   * custom data goes, and its device is closed with the reason, unless already closed (a
   * revocation keeps its own reason). {@code inContainer}: no request ended it.
   */
  public void ended(String sessionId, SessionState state, EndReason reason, boolean inContainer) {
    clearDataQuietly(state.deviceId());
    try {
      if (devices.end(state.deviceId(), reason)) {
        audit.deviceClosed(sessionId, state.deviceId(), state.uid(), reason, inContainer);
      }
    } catch (RuntimeException e) {
      // The periodic sweep closes it later.
      LOG.log(Level.FINE, "Device not closed at session end: " + e.getClass().getSimpleName());
    }
  }

  /** The custom data of the session, key to compact JSON, sorted by key. */
  public Map<String, String> data(ActiveSession active) {
    return data.all(active.state().deviceId());
  }

  public Optional<String> data(ActiveSession active, String key) {
    SessionDataRules.checkKey(key);
    return data.get(active.state().deviceId(), key);
  }

  /** Stores a value if the rules allow it (API.md §3); a refusal changes nothing. */
  public void putData(ActiveSession active, String key, String compactJson) {
    SessionDataRules.checkKey(key);
    // Before the cache: a value the node holds in memory is changed there on both owners before
    // its store refuses it, so the write would answer 503 with the value changed anyway.
    storeReach.requireDurable();
    SessionState state = active.state();
    try {
      data.put(state.deviceId(), key, compactJson, dataRules(), state.absoluteExpiresAt());
    } catch (ErpException refused) {
      throw refused;
    } catch (RuntimeException storeFailed) {
      metrics.storeFailed(Store.SESSION_DATA);
      throw storeFailed;
    }
    metrics.dataWritten(compactJson.getBytes(StandardCharsets.UTF_8).length);
  }

  public void removeData(ActiveSession active, String key) {
    SessionDataRules.checkKey(key);
    storeReach.requireDurable();
    SessionState state = active.state();
    data.remove(state.deviceId(), key, state.absoluteExpiresAt());
  }

  public void clearData(ActiveSession active) {
    storeReach.requireDurable();
    data.clear(active.state().deviceId());
  }

  /** The quotas in force now. */
  public SessionDataRules dataRules() {
    return new SessionDataRules(
        config.dataMaxValueBytes(), config.dataMaxKeys(), config.dataMaxTotalBytes());
  }

  private static LoginOutcome outcomeOf(ErpException refused) {
    return switch (refused.code()) {
      case TOO_MANY_ATTEMPTS -> LoginOutcome.THROTTLED;
      case SERVICE_UNAVAILABLE -> LoginOutcome.UNAVAILABLE;
      case SESSION_LIMIT_REACHED -> LoginOutcome.REFUSED;
      default -> LoginOutcome.WRONG_PASSWORD;
    };
  }

  private void end(SessionStorage storage, String why, EndReason reason) {
    String id = storage.idForLogs();
    storage.invalidate(reason); // may refuse (a sign-out while the store is away): no record then
    audit.ended(id, why);
  }

  /** Best effort: unreachable under the new session's handle, and it expires anyway. */
  private void clearDataQuietly(String deviceId) {
    try {
      data.clear(deviceId);
    } catch (RuntimeException cacheUnavailable) {
      LOG.log(Level.FINE, "Session data not removed: " + cacheUnavailable.getClass().getName());
    }
  }

  /** Best effort: the session itself stands even when the database cannot take the write. */
  private void recordDeviceActivity(String deviceId) {
    try {
      devices
          .recordActivity(deviceId)
          .ifPresent(recorded -> validity.activityRecorded(deviceId, recorded));
      metrics.deviceActivityWritten();
    } catch (RuntimeException databaseUnavailable) {
      LOG.log(Level.FINE, "Device activity not recorded: " + databaseUnavailable.getClass().getName());
    }
  }
}
