package org.erp.sessions.infrastructure;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.erp.sessions.application.DeviceRegistry;

/**
 * Once a minute, marks ended the devices of sessions that expired where no listener saw them:
 * on a node that died, or idle sessions nobody came back to. Every node runs it; the work is
 * idempotent.
 */
@Singleton
public class DeviceSweeper {

  private static final Logger LOG = Logger.getLogger(DeviceSweeper.class.getName());

  @EJB private DeviceRegistry devices;

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
  }
}
