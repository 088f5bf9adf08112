package org.erp.sessions.web.session;

import io.undertow.servlet.handlers.ServletRequestContext;
import jakarta.inject.Inject;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.erp.sessions.application.DeviceRegistry;
import org.erp.sessions.domain.device.EndReason;

/**
 * When a session ends, on the node that ends it: removes its custom data, and closes its device.
 * The device ends as what the request ending the session said ({@link #endingAs}: a sign-out is
 * a {@code logout}); else, with no request (the container's expiry) or none said, as {@code
 * expired}. A device already ended by a revocation keeps its reason.
 */
@WebListener
public class SessionEndListener implements HttpSessionListener {

  private static final Logger LOG = Logger.getLogger(SessionEndListener.class.getName());
  private static final String ENDING_AS = SessionEndListener.class.getName() + ".reason";

  @Inject private DeviceRegistry devices;
  @Inject private SessionDataStore data;
  @Inject private SessionAudit audit;

  /** The session that the current request is about to invalidate ends for this reason. */
  static void endingAs(EndReason reason) {
    ServletRequest request = currentRequest();
    if (request != null) {
      request.setAttribute(ENDING_AS, reason);
    }
  }

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    if (!(event.getSession().getAttribute(SessionStore.STATE) instanceof SessionState state)) {
      return;
    }
    ServletRequest request = currentRequest();
    EndReason reason =
        request != null && request.getAttribute(ENDING_AS) instanceof EndReason said
            ? said
            : EndReason.EXPIRED;
    try {
      data.clear(state.deviceId());
    } catch (RuntimeException e) {
      // It expires at the session's absolute deadline anyway.
      LOG.log(Level.FINE, "Session data not removed at session end: " + e.getClass().getSimpleName());
    }
    try {
      if (devices.end(state.deviceId(), reason)) {
        audit.deviceClosed(
            event.getSession().getId(), state.deviceId(), state.uid(), reason, request == null);
      }
    } catch (RuntimeException e) {
      // The periodic sweep closes it later.
      LOG.log(Level.FINE, "Device not closed at session end: " + e.getClass().getSimpleName());
    }
  }

  private static ServletRequest currentRequest() {
    ServletRequestContext context = ServletRequestContext.current();
    return context == null ? null : context.getServletRequest();
  }
}
