package org.erp.sessions.web.session;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.erp.sessions.application.DeviceRegistry;
import org.erp.sessions.domain.device.EndReason;

/**
 * When a session ends, on the node that ends it: removes its custom data, and closes its device if
 * it ends without a logout (timeout, or invalidated as no longer valid). A device already ended by
 * a logout or revocation keeps its reason.
 */
@WebListener
public class SessionEndListener implements HttpSessionListener {

  private static final Logger LOG = Logger.getLogger(SessionEndListener.class.getName());

  @Inject private DeviceRegistry devices;
  @Inject private SessionDataStore data;

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    if (!(event.getSession().getAttribute(SessionStore.STATE) instanceof SessionState state)) {
      return;
    }
    try {
      data.clear(state.deviceId());
    } catch (RuntimeException e) {
      // It expires at the session's absolute deadline anyway.
      LOG.log(Level.FINE, "Session data not removed at session end: " + e.getClass().getSimpleName());
    }
    try {
      devices.end(state.deviceId(), EndReason.EXPIRED);
    } catch (RuntimeException e) {
      // The periodic sweep closes it later.
      LOG.log(Level.FINE, "Device not closed at session end: " + e.getClass().getSimpleName());
    }
  }
}
