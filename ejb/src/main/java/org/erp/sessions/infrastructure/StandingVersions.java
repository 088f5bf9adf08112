package org.erp.sessions.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.infinispan.Cache;
import org.jboss.logging.Logger;

/**
 * Which version of a user's or a device's standing (what the per-request validity check reads:
 * the user's security stamp, active flag and companies; the device's end and last activity) is
 * current, cluster-wide, so that every node can keep what it read of them in memory
 * ({@code SessionValidity}) and know, from one local read, when that went stale.
 *
 * <p>A version is a random token in {@code standing-versions}, a replicated cache of the server's
 * {@code web} container; no entry means "not changed lately". A change puts a new token when its
 * transaction has committed, before the changing call answers: a node that reads the new token
 * reads the database (for a user, Hibernate's second-level cache, which the commit has
 * invalidated) again, so a revocation or a password change is seen on every node before the
 * revoking call answers. A node that read a value before the commit cached it under the token it
 * saw before the value, the old one, and drops it at its next read. Tokens live {@link #LIFESPAN}, and what a node keeps in
 * memory at most {@link #MAX_MEMORY_AGE}, less: when a token expires, nothing kept under the token
 * before it is still in any node's memory. A node reads a value again after {@link
 * #REFRESH_AGE} (a change made around the service, in the database, shows then); it goes on
 * using an older one, up to the maximum age, only when it cannot read it again.
 */
@ApplicationScoped
public class StandingVersions {

  /** How long a change's token stays; more than {@link #MAX_MEMORY_AGE}. */
  static final Duration LIFESPAN = Duration.ofMinutes(60);

  /** How long a node may use a user's or device's standing it read, while the version holds. */
  public static final Duration MAX_MEMORY_AGE = Duration.ofMinutes(50);

  /** How long before a node reads a standing again, if it can, though the version holds. */
  public static final Duration REFRESH_AGE = Duration.ofMinutes(4);

  private static final Logger LOG = Logger.getLogger(StandingVersions.class);
  private static final String ALL_DEVICES = "devices";

  @Inject
  @ServiceCache(ServiceCache.Name.STANDING_VERSIONS)
  private Cache<String, String> cache;

  @Resource private TransactionSynchronizationRegistry transactions;

  /** The version of a user's standing: compare with {@link Object#equals}; may be null. */
  public Object ofUser(int uid) {
    return cache.get(userKey(uid));
  }

  /** The version of a device's standing, which a change of every device changes too. */
  public Object ofDevice(String deviceId) {
    String device = cache.get(deviceKey(deviceId));
    String allDevices = cache.get(ALL_DEVICES);
    // No bulk change lately (the usual case): the device's own token, no pair to allocate.
    return allDevices == null ? device : new DeviceVersion(device, allDevices);
  }

  /** The user's standing changes when the current transaction commits (or now, without one). */
  public void userChanged(int uid) {
    changed(userKey(uid));
  }

  public void deviceChanged(String deviceId) {
    changed(deviceKey(deviceId));
  }

  /** Every device's standing changes: a bulk update of the devices. */
  public void allDevicesChanged() {
    changed(ALL_DEVICES);
  }

  private record DeviceVersion(String device, String allDevices) {}

  private void changed(String key) {
    int status = transactions.getTransactionStatus();
    if (status == Status.STATUS_NO_TRANSACTION) {
      publish(Set.of(key));
      return;
    }
    // Preparing: Hibernate flushes in the transaction's beforeCompletion, and the entity listener
    // runs then; a synchronization registered there still runs after the commit.
    if (status != Status.STATUS_ACTIVE && status != Status.STATUS_PREPARING) {
      return; // rolling back: nothing changes
    }
    @SuppressWarnings("unchecked")
    Set<String> pending = (Set<String>) transactions.getResource(StandingVersions.class);
    if (pending == null) {
      Set<String> keys = new LinkedHashSet<>();
      transactions.putResource(StandingVersions.class, keys);
      transactions.registerInterposedSynchronization(new PublishOnCommit(keys));
      pending = keys;
    }
    pending.add(key);
  }

  private final class PublishOnCommit implements Synchronization {
    private final Set<String> keys;

    PublishOnCommit(Set<String> keys) {
      this.keys = keys;
    }

    @Override
    public void beforeCompletion() {}

    @Override
    public void afterCompletion(int status) {
      if (status == Status.STATUS_COMMITTED) {
        publish(keys);
      }
    }
  }

  private void publish(Set<String> keys) {
    for (String key : keys) {
      String token = Long.toHexString(ThreadLocalRandom.current().nextLong());
      try {
        cache.put(key, token, LIFESPAN.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RuntimeException e) {
        // The change is committed; other nodes may keep the old standing up to REFRESH_AGE.
        LOG.errorf(e, "Could not announce a change of %s to the other nodes", kind(key));
      }
    }
  }

  private static String kind(String key) {
    return key.substring(0, key.indexOf(':') < 0 ? key.length() : key.indexOf(':'));
  }

  private static String userKey(int uid) {
    return "user:" + uid;
  }

  private static String deviceKey(String deviceId) {
    return "device:" + Objects.requireNonNull(deviceId);
  }
}
