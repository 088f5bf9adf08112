package org.erp.sessions.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.core.RandomTokens;
import org.erp.sessions.core.SessionExpiry;
import org.erp.sessions.domain.device.Device;
import org.erp.sessions.domain.device.DeviceRepository;
import org.erp.sessions.domain.device.DeviceView;
import org.erp.sessions.domain.device.EndReason;
import org.erp.sessions.domain.device.UserAgents;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.domain.user.UserRepository;
import org.erp.sessions.infrastructure.metrics.ErpMetrics;

/**
 * The device log (API.md §4): opens a device for every new session under the concurrent-session
 * limit, lists a user's live sessions, and ends them (logout, revocation, expiry).
 */
@Stateless
public class DeviceRegistry {

  @Inject private DeviceRepository repository;
  @Inject private UserRepository users;
  @Inject private ErpConfig config;
  @Inject private Clock clock;
  @Inject private ErpMetrics metrics;

  /** A new session's device, what the session knows it by. */
  public record OpenedDevice(String id, Instant createdAt, int evicted) {}

  /**
   * Records a new session of the user. With {@code erp.session.max-per-user} reached, policy
   * {@code deny} refuses it (409 {@code session_limit_reached}) and {@code evict-oldest} ends the
   * least recently active sessions to make room.
   */
  public OpenedDevice open(
      int uid, String ipAddress, String userAgent, Duration idleTimeout, Instant absoluteExpiresAt) {
    return open(uid, ipAddress, userAgent, idleTimeout, absoluteExpiresAt, null);
  }

  /** As {@link #open}, for a session started with an API key ({@code apiKeyId}, may be null). */
  public OpenedDevice open(
      int uid,
      String ipAddress,
      String userAgent,
      Duration idleTimeout,
      Instant absoluteExpiresAt,
      String apiKeyId) {
    Instant now = clock.instant();
    int limit = config.maxSessionsPerUser();
    int evicted = 0;
    if (limit > 0) {
      // Logins of one user are serialized here, so two at once cannot both slip under the limit.
      users.findLocked(uid);
      List<Device> live =
          repository.openOfUserOldestActivityFirst(uid).stream()
              .filter(device -> device.isLive(now, config.deviceActivityResolution()))
              .toList();
      if (live.size() >= limit) {
        if (config.limitPolicy() == ErpConfig.LimitPolicy.DENY) {
          throw new ErpException(
              ErrorCode.SESSION_LIMIT_REACHED,
              "You already have " + live.size() + " active sessions, the most allowed; sign out"
                  + " of one of them first.");
        }
        List<Device> oldest = live.subList(0, live.size() - limit + 1);
        oldest.forEach(d -> close(d, now, EndReason.EVICTED));
        evicted = oldest.size();
      }
    }
    Device device =
        new Device(
            newHandle(),
            uid,
            ipAddress,
            userAgent,
            UserAgents.parse(userAgent),
            now,
            idleTimeout,
            absoluteExpiresAt);
    if (apiKeyId != null) {
      device.startedWithApiKey(apiKeyId);
    }
    repository.add(device);
    return new OpenedDevice(device.id(), now, evicted);
  }

  /** The user's sessions that are still valid, newest activity first. */
  public List<DeviceView> list(int uid, String currentDeviceId) {
    Instant now = clock.instant();
    return openDevices(uid).stream()
        .filter(device -> device.isLive(now, config.deviceActivityResolution()))
        .map(device -> device.view(currentDeviceId))
        .toList();
  }

  /**
   * The device with an id from a request, or null. An id that no device can have (device ids are
   * short base64url strings) is never sent to the database: PostgreSQL refuses U+0000 in text.
   */
  private Device find(String deviceId) {
    if (deviceId == null || !deviceId.matches("[A-Za-z0-9_-]{1,64}")) {
      return null;
    }
    return repository.find(deviceId).orElse(null);
  }

  /** Ends one of the user's sessions; 404 {@code not_found} unless it is theirs and open. */
  public void revoke(int uid, String deviceId) {
    Device device = find(deviceId);
    if (device == null || device.userId() != uid || !device.isOpen()) {
      throw new ErpException(ErrorCode.NOT_FOUND, "You have no such device.");
    }
    close(device, clock.instant(), EndReason.REVOKED);
  }

  /** Ends any user's session by its device id (administrators); 404 unless it is open. */
  public void revokeAny(String deviceId) {
    Device device = find(deviceId);
    if (device == null || !device.isOpen()) {
      throw new ErpException(ErrorCode.NOT_FOUND, "There is no such open session.");
    }
    close(device, clock.instant(), EndReason.REVOKED);
  }

  /** Ends every session of the user but {@code keepDeviceId} (which may be null). */
  public void endAllBut(int uid, String keepDeviceId, EndReason reason) {
    Instant now = clock.instant();
    for (Device device : openDevices(uid)) {
      if (!device.id().equals(keepDeviceId)) {
        close(device, now, reason);
      }
    }
  }

  /** Ends the sessions that were started with an API key (the key was revoked). */
  public void endStartedWithApiKey(String keyId) {
    Instant now = clock.instant();
    repository.openWithApiKey(keyId).forEach(device -> close(device, now, EndReason.REVOKED));
  }

  /**
   * Records activity on the device (the "last active" of the device list, the idle sweep), at
   * most once per {@code erp.device.activity-resolution}; no-op for an unknown id. Returns the
   * device's last activity as stored now (this call's, or a more recent one already there).
   */
  public Optional<Instant> recordActivity(String deviceId) {
    return repository
        .find(deviceId)
        .map(
            device -> {
              device.touch(clock.instant(), config.deviceActivityResolution());
              return device.lastActivityAt();
            });
  }

  /**
   * Ends the session's device if it is still open; no-op for an unknown id. True when this call
   * ended it (false: unknown, or already ended, keeping its first reason).
   */
  public boolean end(String deviceId, EndReason reason) {
    Device device = repository.find(deviceId).orElse(null);
    if (device == null || !device.isOpen()) {
      return false;
    }
    close(device, clock.instant(), reason);
    return true;
  }

  /**
   * Marks ended at most {@code batch} of the sessions that expired without anyone noticing: their
   * node died, or nobody came back. Returns their devices' ids; call again (in a transaction of
   * its own) while it returns {@code batch} of them: a crashed node's sessions may be far more
   * than one transaction should hold.
   */
  public List<String> endExpired(int batch) {
    Instant now = clock.instant();
    List<Device> expired =
        repository.openButExpired(
            now, SessionExpiry.idleDeadlinesEndedBy(now, config.deviceActivityResolution()), batch);
    expired.forEach(device -> close(device, now, EndReason.EXPIRED));
    return expired.stream().map(Device::id).toList();
  }

  /**
   * Marks ended every device still open, when the sessions of the whole cluster are known to be
   * gone: they were in memory only and every node stopped. Returns how many. One update
   * statement: loading them (a million after the capacity bench) ran a 1 GiB heap out of memory,
   * and the node never started.
   */
  public int endAllAfterRestart() {
    int ended = repository.endAllOpen(clock.instant(), EndReason.RESTART);
    metrics.sessionsEnded(EndReason.RESTART, false, ended);
    return ended;
  }

  /** The live sessions of the whole cluster, by their devices. */
  public long countSignedIn() {
    Instant now = clock.instant();
    return repository.countLive(
        now, SessionExpiry.idleDeadlinesEndedBy(now, config.deviceActivityResolution()));
  }

  /** Every device is ended here, so each session's end is counted once, with its reason. */
  private void close(Device device, Instant now, EndReason reason) {
    if (device.isOpen()) {
      device.end(now, reason);
      metrics.sessionEnded(reason, device.absoluteDeadlinePassed(now));
    }
  }

  private List<Device> openDevices(int uid) {
    return repository.openOfUser(uid);
  }

  private static String newHandle() {
    return RandomTokens.newToken(18);
  }
}
