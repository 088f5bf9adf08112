package org.erp.sessions.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.erp.sessions.application.ClusterMembership;
import org.erp.sessions.application.DeviceRegistry;
import org.erp.sessions.application.LoginThrottle;
import org.erp.sessions.config.ErpConfig;

/**
 * Once a minute, marks ended the devices of sessions that expired where no listener saw them
 * (on a node that died, or idle sessions nobody came back to) and drops their custom data, which
 * that listener would have dropped, and deletes the login cooldown's counters that have been
 * quiet for a whole cooldown. Every node runs it; the work is idempotent.
 *
 * <p>The listener can also be cut short: WildFly interrupts an expiration under way when a request
 * for that session comes in (its scheduler cancels the task), and the device's update then fails;
 * seen at start, when users come back to sessions that expired while the node was down.
 *
 * <p>At start, with sessions in memory only ({@code erp.session.persistence=memory}), a node that
 * is alone in its cluster knows that every session is gone, so it ends every device at once
 * instead of listing them as signed in until their deadlines. With durable sessions (the
 * default) the sessions come back from the database, and so do their devices.
 *
 * <p>Expired devices are ended {@value #BATCH} at a time, each batch in a transaction of its own
 * (this bean runs in none), so that the sessions of a crashed node, however many, never sit in
 * one persistence context; at a restart one update statement ends them all.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeviceSweeper {

  private static final Logger LOG = Logger.getLogger(DeviceSweeper.class.getName());

  static final int BATCH = 1000;

  @EJB private DeviceRegistry devices;
  @EJB private LoginThrottle throttle;
  @Inject private ErpConfig config;
  @Inject private ClusterMembership membership;
  @Inject private SessionDataStore sessionData;

  @PostConstruct
  void endDevicesOfLostSessions() {
    if (!config.sessionsInMemoryOnly() || membership.members().size() > 1) {
      return;
    }
    int ended = devices.endAllAfterRestart();
    if (ended > 0) {
      LOG.info(
          () ->
              "Sessions are kept in memory only and this node started alone: marked "
                  + ended
                  + " devices of earlier sessions as ended.");
    }
  }

  /** Public for SessionCoreIT, which runs it with its clock moved on. */
  @Schedule(hour = "*", minute = "*", second = "17", persistent = false)
  public void sweep() {
    try {
      int ended =
          inBatches(
              () -> {
                List<String> devicesEnded = devices.endExpired(BATCH); // committed on return
                devicesEnded.forEach(this::dropCustomData);
                return devicesEnded.size();
              });
      if (ended > 0) {
        LOG.fine(() -> "Marked " + ended + " expired sessions as ended.");
      }
    } catch (RuntimeException e) {
      // The database may be away for a moment; the next sweep catches up.
      LOG.log(Level.WARNING, "Device sweep failed: " + e.getClass().getSimpleName());
    }
    try {
      int forgotten = throttle.forgetQuietCounters();
      if (forgotten > 0) {
        LOG.fine(() -> "Deleted " + forgotten + " quiet login counters.");
      }
    } catch (RuntimeException e) {
      // A counter locked by a sign-in at this moment: the next sweep deletes it.
      LOG.log(Level.WARNING, "Login counter sweep failed: " + e.getClass().getSimpleName());
    }
  }

  /** Best effort: unreachable without its session, and it expires at the session's deadline. */
  private void dropCustomData(String deviceId) {
    try {
      sessionData.clear(deviceId);
    } catch (RuntimeException cacheUnavailable) {
      LOG.log(Level.FINE, "Session data not removed: " + cacheUnavailable.getClass().getName());
    }
  }

  /** Runs batches until one comes back short of {@link #BATCH}; what they did in all. */
  private static int inBatches(IntSupplier batch) {
    int total = 0;
    int done;
    do {
      done = batch.getAsInt();
      total += done;
    } while (done == BATCH);
    return total;
  }
}
