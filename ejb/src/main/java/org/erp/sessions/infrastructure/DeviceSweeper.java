package org.erp.sessions.infrastructure;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.erp.sessions.application.DeviceRegistry;
import org.erp.sessions.application.LoginThrottle;

/**
 * Once a minute, marks ended the devices of sessions that expired where no listener saw them
 * (on a node that died, or idle sessions nobody came back to), and deletes the login cooldown's
 * counters that have been quiet for a whole cooldown. Every node runs it; the work is idempotent.
 */
@Singleton
public class DeviceSweeper {

  private static final Logger LOG = Logger.getLogger(DeviceSweeper.class.getName());

  @EJB private DeviceRegistry devices;
  @EJB private LoginThrottle throttle;

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
