package org.erp.sessions.web.session;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.servlet.handlers.ServletRequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.erp.sessions.application.session.ActiveSession;
import org.erp.sessions.application.session.SessionAudit;
import org.erp.sessions.application.session.SessionStorage;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.infrastructure.RotatedSessionIds;

/**
 * Periodic session id rotation ({@code erp.session.rotation-interval}): the first request of a
 * session whose id is older than the interval gives it a new id (the container's {@code
 * changeSessionId}: same attributes, so the same device, CSRF token and custom data) and a new
 * cookie. The replaced cookie still reaches the session for {@code erp.session.rotation-grace},
 * on any node ({@link RotatedSessionIds}, {@link RotatedSessionGrace}); then never. One request
 * per session and node rotates; the others of the moment follow it.
 */
@ApplicationScoped
public class SessionIdRotation {

  /**
   * A request attribute, set when the request gave its session a new id. The new id is a session
   * created in this request, and WildFly shares a created session that is still open with the
   * next request that names it, which can find it empty (SessionStoreBeforeAnswer): the client
   * has the new cookie with this answer, so SessionCommitFilter stores the session before the
   * answer leaves, whatever the method. Seen in CI: a burst's rotation on one node, and 26 ms
   * later a request found the new session without attributes and ended it ("not signed in").
   */
  static final String ROTATED = "org.erp.sessions.rotated";

  /** Whether this request gave its session a new id. */
  static boolean rotatedIn(ServletRequest request) {
    return request.getAttribute(ROTATED) != null;
  }

  @Inject private ErpConfig config;
  @Inject private Clock clock;
  @Inject private RotatedSessionIds rotated;
  @Inject private SessionAudit audit;

  /** Gives the request's session a new id if its id is older than the interval. */
  public void rotateIfDue(SessionStorage storage, ActiveSession active) {
    Instant now = clock.instant();
    if (!due(storage, active, now)) {
      return; // every request but one in hours ends here
    }
    ServletRequestContext context = ServletRequestContext.current();
    if (context == null || context.getExchange().isResponseStarted()) {
      return;
    }
    HttpServerExchange exchange = context.getExchange();
    Cookie sent = exchange.getRequestCookie(config.cookieName());
    if (sent == null || !rotated.begin(sent.getValue())) {
      return; // a parallel request of this session rotates it
    }
    String replaced = sent.getValue();
    boolean rotating = false;
    try {
      // A request that ended a moment ago may have rotated it already (its issue time is new).
      if (due(storage, active, now)) {
        rotating = rotate(storage, active, exchange, replaced, now);
        if (rotating) {
          context.getServletRequest().setAttribute(ROTATED, Boolean.TRUE);
        }
      }
    } finally {
      if (rotating) {
        // Parallel requests that follow the rotation wait until this request's session is
        // closed (stored under its new id, the replaced one gone), not merely until its answer
        // is sent: RotatedSessionGrace ends the rotation then.
        RotatedSessionGrace.afterSessionClosed(exchange, () -> rotated.end(replaced));
      } else {
        rotated.end(replaced);
      }
    }
  }

  private boolean due(SessionStorage storage, ActiveSession active, Instant now) {
    Instant issued = storage.idIssuedAt().orElse(active.state().createdAt());
    return Duration.between(issued, now).compareTo(config.rotationInterval()) >= 0;
  }

  private boolean rotate(
      SessionStorage storage,
      ActiveSession active,
      HttpServerExchange exchange,
      String replacedCookie,
      Instant now) {
    String oldId = storage.idForLogs();
    String newId;
    try {
      newId = storage.rotateId();
    } catch (IllegalStateException gone) {
      return false; // ended by a parallel request meanwhile: nothing to rotate
    }
    storage.idIssued(now);
    String newCookie = responseCookieValue(exchange);
    if (newCookie != null) {
      rotated.remember(replacedCookie, newCookie, config.rotationGrace());
    }
    audit.idRotated(oldId, newId, active.uid());
    return true;
  }

  /** The session cookie the container set for the new id, as the browser will send it back. */
  private String responseCookieValue(HttpServerExchange exchange) {
    String name = config.cookieName();
    for (Cookie cookie : exchange.responseCookies()) {
      if (cookie.getName().equals(name)) {
        return cookie.getValue();
      }
    }
    return null;
  }
}
