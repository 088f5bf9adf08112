package org.erp.sessions.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.apikey.ApiKey;
import org.erp.sessions.domain.apikey.ApiKeyRepository;
import org.erp.sessions.domain.apikey.ApiKeySecret;
import org.erp.sessions.domain.apikey.ApiKeyView;
import org.erp.sessions.domain.device.DeviceView;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.domain.user.User;
import org.erp.sessions.domain.user.UserRepository;
import org.erp.sessions.domain.user.UserView;

/**
 * API keys (API.md §13): created for a user (shown once, stored as a hash), listed, revoked, and
 * checked on every request that presents one. A user who is not an administrator gets only keys
 * that expire, at most {@code erp.api-key.max-lifetime} ahead.
 */
@Stateless
public class ApiKeys {

  private static final int MAX_NAME_LENGTH = 64;

  @Inject private ApiKeyRepository keys;
  @Inject private UserRepository users;
  @Inject private ErpConfig config;
  @Inject private Clock clock;
  @EJB private DeviceRegistry devices;

  /** A new key: what is listed, and the key itself, to be shown this once. */
  public record CreatedKey(ApiKeyView view, String key) {}

  /** A key that authenticated, its user as of now, and whether its use is due to be recorded. */
  public record KeyHolder(ApiKeyView key, UserView user, boolean useDue) {}

  public CreatedKey create(int uid, String name, Instant expiresAt) {
    User user = users.find(uid).orElseThrow(() -> new ErpException(ErrorCode.NOT_FOUND, "No such user."));
    Instant now = clock.instant();
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
      throw new ErpException(ErrorCode.VALIDATION_FAILED, "name must be 1 to 64 characters.");
    }
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw new ErpException(ErrorCode.VALIDATION_FAILED, "expires_at must be in the future.");
    }
    if (!user.view().isAdmin()) {
      Instant latest = now.plus(config.apiKeyMaxLifetime());
      if (expiresAt == null || expiresAt.isAfter(latest)) {
        throw new ErpException(
            ErrorCode.VALIDATION_FAILED,
            "expires_at is required, at most " + config.apiKeyMaxLifetime() + " from now.");
      }
    }
    ApiKeySecret.NewKey secret = ApiKeySecret.generate();
    ApiKey key = new ApiKey(secret.id(), uid, trimmed, ApiKeySecret.hash(secret.key()), now, expiresAt);
    keys.add(key);
    return new CreatedKey(key.view(), secret.key());
  }

  /** The user's keys that still authenticate, newest first. */
  public List<ApiKeyView> validOf(int uid) {
    Instant now = clock.instant();
    return keys.notRevokedOfUser(uid).stream().filter(key -> key.isValid(now)).map(ApiKey::view).toList();
  }

  /**
   * The user's valid keys as entries of "My devices" (API.md §4): kind {@code api_key}, named,
   * last active when last used (or created). {@code currentDeviceId}: the caller's, a key's id when
   * the request came with that key.
   */
  public List<DeviceView> asDevices(int uid, String currentDeviceId) {
    return validOf(uid).stream()
        .map(
            key ->
                new DeviceView(
                    key.id(),
                    key.id().equals(currentDeviceId),
                    null,
                    null,
                    null,
                    null,
                    key.createdAt(),
                    key.lastUsedAt() != null ? key.lastUsedAt() : key.createdAt(),
                    DeviceView.API_KEY,
                    key.name()))
        .toList();
  }

  /** Whether {@code id} names one of the user's keys that still authenticates. */
  public boolean isValidKeyOf(int uid, String id) {
    ApiKey key = find(id);
    return key != null && key.userId() == uid && key.isValid(clock.instant());
  }

  /** Revokes one of the user's own keys; 404 {@code not_found} unless it is theirs and valid. */
  public void revoke(int uid, String id) {
    if (!isValidKeyOf(uid, id)) {
      throw new ErpException(ErrorCode.NOT_FOUND, "You have no such API key.");
    }
    revoke(find(id));
  }

  /** Revokes any user's key (administrators); returns its user; 404 unless it exists, not revoked. */
  public int revokeAny(String id) {
    ApiKey key = find(id);
    if (key == null || key.isRevoked()) {
      throw new ErpException(ErrorCode.NOT_FOUND, "There is no such API key.");
    }
    revoke(key);
    return key.userId();
  }

  /**
   * The holder of a key presented with a request, if the key authenticates now: known, matching
   * its hash, not revoked, not expired, its user active. Reads only (the key and its user come
   * from the second-level cache): a key authenticates while the database is away. Its use is
   * recorded apart ({@link #recordUse}), so that a write the database cannot take does not refuse
   * the request.
   */
  public Optional<KeyHolder> authenticate(String presented) {
    ApiKey key = ApiKeySecret.idOf(presented).map(this::find).orElse(null);
    Instant now = clock.instant();
    if (key == null || !key.isValid(now) || !key.matches(presented)) {
      return Optional.empty();
    }
    User user = users.find(key.userId()).orElse(null);
    if (user == null || !user.active()) {
      return Optional.empty();
    }
    return Optional.of(
        new KeyHolder(key.view(), user.view(), key.useDue(now, config.deviceActivityResolution())));
  }

  /**
   * Records a use of the key (its "last used" in My devices) if one is due, at most once per
   * {@code erp.device.activity-resolution}. True when this call recorded it (false: unknown, or
   * recorded a moment ago by another request). In a transaction of its own, so that a failure
   * here never rolls back the caller's work.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean recordUse(String keyId) {
    ApiKey key = find(keyId);
    Instant now = clock.instant();
    if (key == null || !key.useDue(now, config.deviceActivityResolution())) {
      return false;
    }
    key.used(now);
    return true;
  }

  private void revoke(ApiKey key) {
    key.revoke(clock.instant());
    devices.endStartedWithApiKey(key.id());
  }

  /** A key id from a request, or null; an id no key can have never reaches the database. */
  private ApiKey find(String id) {
    if (id == null || !id.matches("[0-9a-f]{16}")) {
      return null;
    }
    return keys.find(id).orElse(null);
  }
}
