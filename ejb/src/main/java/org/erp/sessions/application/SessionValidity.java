package org.erp.sessions.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.device.Device;
import org.erp.sessions.domain.device.DeviceRepository;
import org.erp.sessions.domain.user.Company;
import org.erp.sessions.domain.user.CompanyView;
import org.erp.sessions.domain.user.User;
import org.erp.sessions.domain.user.UserRepository;
import org.erp.sessions.domain.user.UserView;

/**
 * The per-request reads: that a session still stands (its user exists, is active and has the
 * security stamp the session was created under, and its device has not been ended), and the
 * names of the user's companies for the session info. They come from Hibernate's second-level
 * cache (invalidated cluster-wide on change): no database query on the hot path, and no
 * transaction (none is needed to read, and one begun and committed per request was part of what
 * a read cost). A CDI bean, not an EJB: an EJB call per read went through the container's
 * interceptors and Bean Validation's method validation for nothing (bench/README.md, the read
 * path). The device's activity is written by {@link DeviceRegistry#recordActivity}.
 */
@ApplicationScoped
public class SessionValidity {

  @Inject private UserRepository users;
  @Inject private DeviceRepository devices;
  @Inject private ErpConfig config;
  @Inject private Clock clock;

  /** The outcome of a check: the session's user, and whether its device's activity is stale. */
  public record Standing(UserView user, boolean activityDue) {}

  /**
   * The session's user as of now, or empty when the session must end. Reads only: a database
   * outage does not stop sessions whose user and device are cached.
   */
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

  /** The named companies, in the order given; ids that no longer exist are left out. */
  public List<CompanyView> companies(List<Integer> ids) {
    List<CompanyView> companies = new ArrayList<>(ids.size());
    for (Integer id : ids) {
      Company company = users.company(id).orElse(null);
      if (company != null) {
        companies.add(new CompanyView(company.id(), company.name()));
      }
    }
    return companies;
  }
}
