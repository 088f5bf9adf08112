package org.erp.sessions.web.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.erp.sessions.domain.error.ErrorCode;

/**
 * The security events of sessions, logged under {@code org.erp.sessions.audit}: sign-ins, refused
 * sign-ins, and sessions ended. A session is named by {@link SessionLogName} only; no id, password
 * or CSRF token is ever written, nor the login typed (users type passwords into it by mistake).
 */
@ApplicationScoped
public class SessionAudit {

  private static final Logger LOG = Logger.getLogger("org.erp.sessions.audit");

  @Inject private SessionLogName names;

  public void signedIn(String sessionId, int uid, String address) {
    LOG.info(() -> "Session " + names.of(sessionId) + " signed in: uid " + uid + " from " + address);
  }

  public void refused(ErrorCode code, String address) {
    LOG.info(() -> "Sign-in refused (" + code.code() + ") from " + address);
  }

  public void ended(String sessionId, String why) {
    LOG.info(() -> "Session " + names.of(sessionId) + " ended: " + why);
  }
}
