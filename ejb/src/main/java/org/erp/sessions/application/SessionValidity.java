package org.erp.sessions.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.device.Device;
import org.erp.sessions.domain.device.DeviceRepository;
import org.erp.sessions.domain.user.User;
import org.erp.sessions.domain.user.UserRepository;
import org.erp.sessions.domain.user.UserView;

/**
 * The per-request check that a session still stands: its user exists, is active and has the
 * security stamp the session was created under, and its device has not been ended. Both reads
 * come from Hibernate's second-level cache (invalidated cluster-wide on change): no database
 * query on the hot path. Activity is written to the device, in its own transaction, at most once
 * per {@code erp.device.activity-resolution}.
 */
@Stateless
public class SessionValidity {

  @Inject private UserRepository users;
  @Inject private DeviceRepository devices;
  @Inject private ErpConfig config;
  @Inject private Clock clock;

  /** The outcome of a check: the session's user, and whether its device's activity is stale. */
  public record Standing(UserView user, boolean activityDue) {}

  /**
   * The session's user as of now, or empty when the session must end. Reads only: a database
   * outage does not stop sessions whose user and device are cached. No transaction of its own
   * (the request has none): two second-level-cache reads need none, and a JTA transaction begun
   * and committed on every request was part of what a read cost (bench/README.md).
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<Standing> check(int uid, String deviceId, String securityStamp) {
    User user = users.find(uid).orElse(null);
    if (user == null || !user.active() || !user.securityStamp().equals(securityStamp)) {
      return Optional.empty();
    }
    Device device = devices.find(deviceId).orElse(null);
    if (device == null || !device.isOpen()) {
      return Optional.empty();
    }
    boolean due = device.activityDue(clock.instant(), config.deviceActivityResolution());
    return Optional.of(new Standing(user.view(), due));
  }

  /** Records activity on the device (the "last active" of the device list, the idle sweep). */
  public void recordActivity(String deviceId) {
    Device device = devices.find(deviceId).orElse(null);
    if (device != null) {
      device.touch(clock.instant(), config.deviceActivityResolution());
    }
  }
}
