package org.erp.sessions.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.erp.sessions.application.ClusterMembership;
import org.erp.sessions.application.DeviceRegistry;
import org.erp.sessions.application.LoginThrottle;
import org.erp.sessions.config.ErpConfig;

/**
 * Once a minute, marks ended the devices of sessions that expired where no listener saw them
 * (on a node that died, or idle sessions nobody came back to), and deletes the login cooldown's
 * counters that have been quiet for a whole cooldown. Every node runs it; the work is idempotent.
 *
 * <p>At start, with sessions in memory only ({@code erp.session.persistence=memory}), a node that
 * is alone in its cluster knows that every session is gone, so it ends every device at once
 * instead of listing them as signed in until their deadlines. With durable sessions (the
 * default) the sessions come back from the database, and so do their devices.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
public class DeviceSweeper {

  private static final Logger LOG = Logger.getLogger(DeviceSweeper.class.getName());

  @EJB private DeviceRegistry devices;
  @EJB private LoginThrottle throttle;
  @Inject private ErpConfig config;
  @Inject private ClusterMembership membership;

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

  @Schedule(hour = "*", minute = "*", second = "17", persistent = false)
  void sweep() {
    try {
      int ended = devices.endExpired();
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
}
