package org.erp.sessions.application.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.erp.sessions.application.ApiKeys;
import org.erp.sessions.application.ApiKeys.KeyHolder;
import org.erp.sessions.application.DeviceRegistry;
import org.erp.sessions.application.DeviceRegistry.OpenedDevice;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.core.SessionState;
import org.erp.sessions.domain.apikey.ApiKeySecret;
import org.erp.sessions.domain.device.EndReason;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.infrastructure.metrics.ErpMetrics;
import org.erp.sessions.infrastructure.metrics.ErpMetrics.LoginOutcome;

/**
 * What an API key stands for in the session core (API.md §13): for a request with {@code
 * Authorization: Bearer}, a session-like view built for that request only (nothing is stored);
 * at the Odoo sign-in, an ordinary session whose device names the key, so that revoking the key
 * ends it, and whose absolute deadline is no later than the key's expiry.
 */
@ApplicationScoped
public class ApiKeySessions {

  private static final Logger LOG = Logger.getLogger(ApiKeySessions.class.getName());

  @Inject private ApiKeys keys;
  @Inject private DeviceRegistry devices;
  @Inject private SessionService sessions;
  @Inject private SessionAudit audit;
  @Inject private ErpConfig config;
  @Inject private Clock clock;
  @Inject private ErpMetrics metrics;

  /**
   * The request's view of a session for a presented key, or empty (401) when it does not
   * authenticate. The view's device id is the key's id; its CSRF token is never used.
   */
  public Optional<ActiveSession> validate(String presented, String clientAddress) {
    Optional<KeyHolder> holder = keys.authenticate(presented);
    if (holder.isEmpty()) {
      audit.apiKeyRefused(clientAddress);
      return Optional.empty();
    }
    KeyHolder key = holder.get();
    if (key.useDue() && recordedUse(key)) {
      audit.apiKeyUsed(key.key().id(), key.user().uid(), clientAddress);
    }
    Instant now = clock.instant();
    SessionState state =
        SessionState.start(
            key.user().uid(),
            key.user().companyIds(),
            key.user().securityStamp(),
            now,
            deadline(now, key),
            config.idleTimeout(),
            key.key().id());
    return Optional.of(new ActiveSession(state, key.user(), now, false));
  }

  /**
   * The Odoo sign-in with a key in place of the password: the key must be the login's. Empty when
   * {@code keyOrPassword} is no such key: the caller checks it as a password (with the login
   * cooldown and, for a user with two-factor authentication, the code step).
   */
  public Optional<ActiveSession> signInWithKey(
      SessionStorage storage, String login, String keyOrPassword, ClientInfo client) {
    Optional<KeyHolder> holder =
        ApiKeySecret.looksLikeKey(keyOrPassword)
            ? keys.authenticate(keyOrPassword).filter(key -> key.user().login().equals(login))
            : Optional.empty();
    if (holder.isEmpty()) {
      return Optional.empty();
    }
    KeyHolder key = holder.get();
    if (key.useDue()) {
      recordedUse(key);
    }
    Instant now = clock.instant();
    storage
        .read()
        .ifPresent(old -> sessions.ended(storage.idForLogs(), old.state(), EndReason.LOGOUT, false));
    OpenedDevice device;
    try {
      device =
          devices.open(
              key.user().uid(),
              client.address(),
              client.userAgent(),
              config.idleTimeout(),
              deadline(now, key),
              key.key().id());
    } catch (ErpException refused) {
      metrics.login(refused.code() == ErrorCode.SESSION_LIMIT_REACHED ? LoginOutcome.REFUSED : LoginOutcome.WRONG_PASSWORD);
      throw refused;
    }
    SessionState state =
        SessionState.start(
            key.user().uid(),
            key.user().companyIds(),
            key.user().securityStamp(),
            device.createdAt(),
            deadline(now, key),
            config.idleTimeout(),
            device.id());
    // No identity check is recorded: a key is not enough for sensitive actions.
    storage.start(state, state.createdAt());
    audit.signedInWithApiKey(storage.idForLogs(), key.key().id(), key.user().uid(), client.address());
    metrics.login(LoginOutcome.OK);
    return Optional.of(new ActiveSession(state, key.user(), state.createdAt(), false));
  }

  /**
   * Best effort, as a session's device activity: a request with a key stands when the database
   * cannot take the write (an outage), and the use is recorded by a later request.
   */
  private boolean recordedUse(KeyHolder key) {
    try {
      return keys.recordUse(key.key().id());
    } catch (RuntimeException databaseUnavailable) {
      LOG.log(Level.FINE, "API key use not recorded: " + databaseUnavailable.getClass().getName());
      return false;
    }
  }

  /** The session's absolute deadline, never later than the key's expiry. */
  private Instant deadline(Instant now, KeyHolder key) {
    Instant sessionDeadline = now.plus(config.absoluteTimeout());
    Instant keyExpiry = key.key().expiresAt();
    return keyExpiry != null && keyExpiry.isBefore(sessionDeadline) ? keyExpiry : sessionDeadline;
  }
}
