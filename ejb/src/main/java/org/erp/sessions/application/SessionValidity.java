package org.erp.sessions.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.device.Device;
import org.erp.sessions.domain.device.DeviceRepository;
import org.erp.sessions.domain.device.DeviceStanding;
import org.erp.sessions.domain.user.CompanyView;
import org.erp.sessions.domain.user.User;
import org.erp.sessions.domain.user.UserRepository;
import org.erp.sessions.domain.user.UserView;
import org.erp.sessions.infrastructure.StandingVersions;

/**
 * The per-request reads: that a session still stands (its user exists, is active and has the
 * security stamp the session was created under, and its device has not been ended), and the
 * names of the user's companies for the session info. A CDI bean, not an EJB: an EJB call per
 * read went through the container's interceptors and Bean Validation's method validation for
 * nothing (bench/README.md, the read path). No transaction, no database query on the hot path.
 *
 * <p>What it read of a user or a device stays in this node's memory under the version of its
 * standing it read first ({@link StandingVersions}): while that version is current, a read costs
 * a lookup in a replicated cache and a map, not a Hibernate session assembling entities from its
 * second-level cache (a tenth of a read's CPU before: bench/README.md). Any change of a user, and
 * the end of a device, changes the version on every node before the changing call answers, so a
 * revocation or a password change is never missed. A kept value is read again after a few
 * minutes; while the database cannot be read, the last one read serves as long as its version
 * holds (up to {@link StandingVersions#MAX_MEMORY_AGE}). Beyond {@link #MEMORY_CAPACITY}, a user
 * is read through Hibernate's second-level cache and a device from the database. Companies never
 * change once created: their names are kept as they were first read.
 * The device's activity is written by {@link DeviceRegistry#recordActivity}.
 */
@ApplicationScoped
public class SessionValidity {

  /**
   * Users and devices kept per node, of each: twice the sessions a node keeps in memory by
   * default ({@code erp.session.max-in-memory}); beyond it, reads go to Hibernate as before.
   */
  private static final int MEMORY_CAPACITY = 20_000;

  @Inject private UserRepository users;
  @Inject private DeviceRepository devices;
  @Inject private StandingVersions versions;
  @Inject private ErpConfig config;
  @Inject private Clock clock;

  private final StandingMemory<Integer, UserView> userMemory = memory();
  private final StandingMemory<String, DeviceStanding> deviceMemory = memory();
  private final ConcurrentHashMap<Integer, CompanyView> companyMemory = new ConcurrentHashMap<>();

  /** The outcome of a check: the session's user, and whether its device's activity is stale. */
  public record Standing(UserView user, boolean activityDue) {}

  /**
   * The session's user as of now, or empty when the session must end. Reads only: a database
   * outage does not stop sessions whose user and device are cached.
   */
  public Optional<Standing> check(int uid, String deviceId, String securityStamp) {
    UserView user = user(uid);
    if (user == null || !user.active() || !user.securityStamp().equals(securityStamp)) {
      return Optional.empty();
    }
    DeviceStanding device = device(deviceId);
    if (device == null || !device.open()) {
      return Optional.empty();
    }
    boolean due = device.activityDue(clock.instant(), config.deviceActivityResolution());
    return Optional.of(new Standing(user, due));
  }

  /**
   * The device's activity as this node just stored it: a device's activity announces no new
   * version (it would, once a minute for every active session), so the node that wrote it updates
   * what it keeps; another node that serves the session finds the activity due and learns it by
   * writing it (a no-op then) in turn.
   */
  public void activityRecorded(String deviceId, Instant lastActivityAt) {
    deviceMemory.update(deviceId, kept -> new DeviceStanding(kept.open(), lastActivityAt));
  }

  /** The named companies, in the order given; ids that no longer exist are left out. */
  public List<CompanyView> companies(List<Integer> ids) {
    List<CompanyView> companies = new ArrayList<>(ids.size());
    for (Integer id : ids) {
      CompanyView company = companyMemory.get(id);
      if (company == null) {
        company =
            users.company(id).map(found -> new CompanyView(found.id(), found.name())).orElse(null);
        if (company == null) {
          continue;
        }
        companyMemory.put(id, company);
      }
      companies.add(company);
    }
    return companies;
  }

  private UserView user(int uid) {
    return remembered(userMemory, uid, versions.ofUser(uid), () -> users.find(uid).map(User::view));
  }

  private DeviceStanding device(String deviceId) {
    return remembered(
        deviceMemory,
        deviceId,
        versions.ofDevice(deviceId),
        () -> devices.find(deviceId).map(Device::standing));
  }

  /**
   * What this node keeps of the key under the version, else what the database says now (kept
   * under the version), else null when it is gone. The caller reads the version before this reads
   * the value: a value older than the version it is kept under would outlive the change that made
   * it stale.
   */
  private static <K, V> V remembered(
      StandingMemory<K, V> memory, K key, Object version, Supplier<Optional<V>> database) {
    V kept = memory.get(key, version);
    if (kept != null) {
      return kept;
    }
    V read;
    try {
      read = database.get().orElse(null);
    } catch (PersistenceException unreadable) {
      return lastKnown(memory, key, version, unreadable);
    }
    if (read != null) {
      memory.put(key, version, read);
    }
    return read;
  }

  /**
   * While the database cannot be read, what this node last read, if no change was announced
   * since (the version holds) and it is not older than the maximum age; else the failure.
   */
  private static <K, V> V lastKnown(
      StandingMemory<K, V> memory, K key, Object version, PersistenceException unreadable) {
    V known = memory.lastKnown(key, version);
    if (known == null) {
      throw unreadable;
    }
    return known;
  }

  private static <K, V> StandingMemory<K, V> memory() {
    return new StandingMemory<>(
        MEMORY_CAPACITY,
        StandingVersions.REFRESH_AGE.toNanos(),
        StandingVersions.MAX_MEMORY_AGE.toNanos(),
        System::nanoTime);
  }
}
