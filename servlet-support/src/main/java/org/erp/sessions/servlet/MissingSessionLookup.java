package org.erp.sessions.servlet;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.session.Session;
import io.undertow.server.session.SessionConfig;
import io.undertow.server.session.SessionListener;
import io.undertow.server.session.SessionManager;
import io.undertow.server.session.SessionManagerStatistics;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.SessionManagerFactory;
import io.undertow.servlet.handlers.ServletRequestContext;
import io.undertow.util.AttachmentKey;
import jakarta.servlet.ServletContext;
import java.util.Set;

/**
 * Asks the session store at most once per request for a session cookie that names no session.
 * Undertow remembers a session it found for the rest of the request, but not one it did not
 * find: every later {@code getSession(false)} (the rotation grace, the authentication check, the
 * second-factor check, the commit filter) asked the session manager again, and with sessions
 * kept in the database each miss is a query. A stale or made-up {@code session_id} cost seven
 * store lookups per GET, nine per POST, where a valid session costs none after the first; so
 * anyone could load the database at seven times the request rate. The miss is remembered on the
 * exchange, for that id only, until the request creates a session. In the EAR's lib/, so that it
 * wraps the session manager of every WAR: the service's and each ERP module's.
 *
 * <p>The lookup that decides whether the request is signed in asks the store itself, by setting
 * the request attribute {@link #LOOK_AGAIN}: a stale cookie costs two lookups, and a session is
 * never refused on the strength of the request's first lookup alone (Weld's request listener
 * makes it, before anything else).
 */
public class MissingSessionLookup implements ServletExtension {

  /**
   * A request attribute: while set, the next lookup of the request's session asks the store
   * again even if it missed before in this request (and clears the attribute).
   */
  public static final String LOOK_AGAIN = "org.erp.sessions.look-again";

  /** The requested session id that this exchange's session manager did not find. */
  private static final AttachmentKey<String> MISSING = AttachmentKey.create(String.class);

  @Override
  public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
    SessionManagerFactory factory = deployment.getSessionManagerFactory();
    if (factory != null) {
      deployment.setSessionManagerFactory(
          servletDeployment -> new OncePerRequest(factory.createSessionManager(servletDeployment)));
    }
  }

  /** The container's session manager, remembering a miss for the rest of the request. */
  static final class OncePerRequest implements SessionManager {

    private final SessionManager manager;

    OncePerRequest(SessionManager manager) {
      this.manager = manager;
    }

    @Override
    public Session getSession(HttpServerExchange exchange, SessionConfig config) {
      if (exchange == null) {
        return manager.getSession(exchange, config);
      }
      String missing = exchange.getAttachment(MISSING);
      if (missing != null && missing.equals(config.findSessionId(exchange)) && !lookAgain(exchange)) {
        return null;
      }
      Session found = manager.getSession(exchange, config);
      if (found == null) {
        String requested = config.findSessionId(exchange);
        if (requested != null) {
          exchange.putAttachment(MISSING, requested);
        }
      }
      return found;
    }

    /** Whether the request asked for one more lookup ({@link #LOOK_AGAIN}); the ask is used up. */
    private static boolean lookAgain(HttpServerExchange exchange) {
      ServletRequestContext context = exchange.getAttachment(ServletRequestContext.ATTACHMENT_KEY);
      if (context == null || context.getServletRequest().getAttribute(LOOK_AGAIN) == null) {
        return false;
      }
      context.getServletRequest().removeAttribute(LOOK_AGAIN);
      return true;
    }

    @Override
    public Session createSession(HttpServerExchange exchange, SessionConfig config) {
      if (exchange != null) {
        exchange.removeAttachment(MISSING); // the new session may take the requested id
      }
      return manager.createSession(exchange, config);
    }

    @Override
    public String getDeploymentName() {
      return manager.getDeploymentName();
    }

    @Override
    public void start() {
      manager.start();
    }

    @Override
    public void stop() {
      manager.stop();
    }

    @Override
    public Session getSession(String sessionId) {
      return manager.getSession(sessionId);
    }

    @Override
    public void registerSessionListener(SessionListener listener) {
      manager.registerSessionListener(listener);
    }

    @Override
    public void removeSessionListener(SessionListener listener) {
      manager.removeSessionListener(listener);
    }

    @Override
    public void setDefaultSessionTimeout(int timeout) {
      manager.setDefaultSessionTimeout(timeout);
    }

    @Override
    public Set<String> getTransientSessions() {
      return manager.getTransientSessions();
    }

    @Override
    public Set<String> getActiveSessions() {
      return manager.getActiveSessions();
    }

    @Override
    public Set<String> getAllSessions() {
      return manager.getAllSessions();
    }

    @Override
    public SessionManagerStatistics getStatistics() {
      return manager.getStatistics();
    }
  }
}
