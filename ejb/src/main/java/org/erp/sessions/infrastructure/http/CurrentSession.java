package org.erp.sessions.infrastructure.http;

import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import org.erp.sessions.application.session.ActiveSession;
import org.erp.sessions.application.session.SessionAudit;
import org.erp.sessions.application.session.SessionService;
import org.erp.sessions.application.session.SessionStorage;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;

/**
 * The current request's session: its storage, and whether it is valid, checked once per request
 * ({@link #check}) by whoever asks first: the authentication mechanism, before any servlet,
 * resource or module code runs.
 */
@RequestScoped
public class CurrentSession {

  /** The request header that carries the session's CSRF token on unsafe methods. */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private static final Set<String> UNSAFE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

  private SessionStorage storage;
  private boolean unsafeMethod;
  private String sentCsrfToken;
  private boolean checked;
  private ActiveSession active;

  /** Binds this HTTP request; the first binding wins. */
  public void attach(HttpServletRequest request) {
    if (storage == null) {
      attach(new HttpSessionStorage(request), request.getMethod(), request.getHeader(CSRF_HEADER));
    }
  }

  /**
   * Binds a session storage, the HTTP method and the CSRF token sent (null if none), replacing
   * any earlier binding of this request: the session is checked again on the next {@link
   * #check}. (How code that serves a request from elsewhere than HTTP, such as a test, binds it.)
   */
  public void attach(SessionStorage storage, String method, String sentCsrfToken) {
    this.storage = storage;
    this.unsafeMethod = UNSAFE_METHODS.contains(method);
    this.sentCsrfToken = sentCsrfToken;
    this.checked = false;
    this.active = null;
  }

  /** The request's session if it is valid, checked on the first call of the request only. */
  public Optional<ActiveSession> check(SessionService sessions) {
    if (!checked) {
      checked = true;
      active = sessions.validate(storage()).orElse(null);
    }
    return optional();
  }

  /** The session after this request changed it (activity, companies, password). */
  public void update(ActiveSession changed) {
    this.active = changed;
  }

  /** The session ended in this request. */
  public void ended() {
    this.active = null;
  }

  public SessionStorage storage() {
    if (storage == null) {
      throw new IllegalStateException("No request bound to the current session");
    }
    return storage;
  }

  public Optional<ActiveSession> optional() {
    return Optional.ofNullable(active);
  }

  /** The session; only missing on endpoints that declare it optional. */
  public ActiveSession get() {
    if (active == null) {
      throw new ErpException(ErrorCode.NOT_AUTHENTICATED, "Sign in first.");
    }
    return active;
  }

  /** Whether the request is safe (GET, HEAD, ...) or sent the session's CSRF token. */
  public boolean csrfProven() {
    return active != null && (!unsafeMethod || active.state().csrfTokenMatches(sentCsrfToken));
  }

  /** The caller, for the audit log. */
  public SessionAudit.Actor actor() {
    return new SessionAudit.Actor(get().uid(), storage().idForLogs());
  }
}
