package org.erp.sessions.web.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.erp.sessions.application.AuthenticationService;
import org.erp.sessions.application.DeviceRegistry;
import org.erp.sessions.application.DeviceRegistry.OpenedDevice;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.device.EndReason;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.user.UserView;
import org.erp.sessions.web.session.CurrentSession.ValidSession;

/** Signing in and out, shared by the REST API and the Odoo JSON-RPC routes. */
@ApplicationScoped
public class SignIn {

  private static final Logger LOG = Logger.getLogger(SignIn.class.getName());

  @Inject private AuthenticationService authentication;
  @Inject private DeviceRegistry devices;
  @Inject private SessionStore store;
  @Inject private ErpConfig config;
  @Inject private SessionAudit audit;

  /**
   * Checks the credentials (with the cooldown), records the new session in the device log
   * (under the concurrent-session limit) and starts it. Whatever session the request came with
   * ends here.
   */
  public ValidSession signIn(HttpServletRequest request, String login, String password) {
    String address = request.getRemoteAddr();
    UserView user;
    try {
      user = authentication.authenticate(login, password, address);
    } catch (ErpException refused) {
      audit.refused(refused.code(), address);
      throw refused;
    }
    Instant now = Instant.now();
    Duration idle = config.idleTimeout();
    Instant absoluteDeadline = now.plus(config.absoluteTimeout());
    // The session this browser had ends now, so it does not count against the session limit.
    endPreviousDevice(request);
    OpenedDevice device =
        devices.open(user.uid(), address, request.getHeader("User-Agent"), idle, absoluteDeadline);
    SessionState state =
        SessionState.start(
            user.uid(),
            user.companyIds(),
            user.securityStamp(),
            device.createdAt(),
            absoluteDeadline,
            idle,
            device.id());
    ValidSession started = store.start(request, user, state);
    audit.signedIn(started.session().getId(), user.uid(), address);
    if (device.evicted() > 0) {
      audit.evictedByLimit(started.session().getId(), user.uid(), device.evicted());
    }
    return started;
  }

  /**
   * Ends the session on every node, data and all, and closes its device. The session goes first:
   * signing out works while the database is down (the device is then closed by the idle sweep).
   */
  public void signOut(ValidSession valid) {
    audit.ended(valid.session().getId(), "signed out");
    // Read by SessionEndListener, which runs inside invalidate(): the device ends as a logout.
    SessionEndListener.endingAs(EndReason.LOGOUT);
    store.invalidate(valid.session());
    try {
      devices.end(valid.state().deviceId(), EndReason.LOGOUT);
    } catch (RuntimeException databaseUnavailable) {
      LOG.log(Level.WARNING, "Device not closed at sign-out: " + databaseUnavailable.getClass().getName());
    }
  }

  private void endPreviousDevice(HttpServletRequest request) {
    HttpSession previous = request.getSession(false);
    if (previous != null && previous.getAttribute(SessionStore.STATE) instanceof SessionState old) {
      devices.end(old.deviceId(), EndReason.LOGOUT);
    }
  }
}
