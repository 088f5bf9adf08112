package org.erp.sessions.infrastructure.http;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import org.erp.sessions.application.ClusterMembership;
import org.erp.sessions.application.session.ActiveSession;
import org.erp.sessions.application.session.ApiKeySessions;
import org.erp.sessions.application.session.SessionAudit;
import org.erp.sessions.application.session.SessionService;
import org.erp.sessions.application.session.SessionStorage;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.infrastructure.SessionStoreReach;

/**
 * The current request's session: its storage, and whether it is valid, checked once per request
 * ({@link #check}) by whoever asks first: the authentication mechanism, before any servlet,
 * resource or module code runs. A request with {@code Authorization: Bearer <API key>} has no
 * session: the key alone authenticates it (API.md §13), the cookie is not looked at, and no CSRF
 * token is needed (a browser never adds that header by itself).
 */
@RequestScoped
public class CurrentSession {

  /** The request header that carries the session's CSRF token on unsafe methods. */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private static final Set<String> UNSAFE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final String BEARER = "Bearer ";

  @Inject private ApiKeySessions apiKeys;
  @Inject private SessionStoreReach storeReach;
  @Inject private ClusterMembership membership;

  private SessionStorage storage;
  private boolean unsafeMethod;
  private String sentCsrfToken;
  private boolean checked;
  private RuntimeException checkFailure;
  private ActiveSession active;
  private String apiKey;
  private String clientAddress;
  private boolean secondFactorPending;

  /** Binds this HTTP request; the first binding wins. */
  public void attach(HttpServletRequest request) {
    if (storage == null) {
      String authorization = request.getHeader("Authorization");
      if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        String key = authorization.substring(BEARER.length()).strip();
        attach(new ApiKeyStorage(key), request.getMethod(), null);
        this.apiKey = key;
        this.clientAddress = request.getRemoteAddr();
        return;
      }
      attach(
          new HttpSessionStorage(request, storeReach, membership),
          request.getMethod(),
          request.getHeader(CSRF_HEADER));
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
    this.checkFailure = null;
    this.active = null;
    this.apiKey = null;
    this.secondFactorPending = false;
  }

  /**
   * The request's session if it is valid, checked on the first call of the request only. A check
   * that failed (the session store or the database unavailable for a moment, as on the survivor
   * just after a node's crash) is no verdict on the session: every later call of the request
   * throws the same failure (a 500 or 503), never "no session" (a 401 that signs the user out).
   */
  public Optional<ActiveSession> check(SessionService sessions) {
    failIfCheckFailed();
    if (!checked) {
      try {
        if (apiKey != null) {
          active = apiKeys.validate(apiKey, clientAddress).orElse(null);
        } else {
          active = sessions.validate(storage()).orElse(null);
          secondFactorPending = active == null && sessions.pending(storage()).isPresent();
        }
      } catch (RuntimeException failure) {
        active = null;
        checkFailure = failure;
        throw failure;
      }
      checked = true;
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
    failIfCheckFailed();
    return Optional.ofNullable(active);
  }

  private void failIfCheckFailed() {
    if (checkFailure != null) {
      throw checkFailure;
    }
  }

  /**
   * Whether the request's session only waits for its second factor (API.md §14): it may do
   * nothing but give the code, or sign out.
   */
  public boolean secondFactorPending() {
    return secondFactorPending;
  }

  /** The session; only missing on endpoints that declare it optional. */
  public ActiveSession get() {
    failIfCheckFailed();
    if (active == null && secondFactorPending) {
      throw new ErpException(
          ErrorCode.TOTP_REQUIRED, "Give the two-factor code first (POST /api/session/totp).");
    }
    if (active == null) {
      throw new ErpException(ErrorCode.NOT_AUTHENTICATED, "Sign in first.");
    }
    return active;
  }

  /** Whether the request is safe (GET, HEAD, ...) or sent the session's CSRF token. */
  public boolean csrfProven() {
    failIfCheckFailed();
    return active != null
        && (apiKey != null || !unsafeMethod || active.state().csrfTokenMatches(sentCsrfToken));
  }

  /** The caller, for the audit log. */
  public SessionAudit.Actor actor() {
    return new SessionAudit.Actor(get().uid(), storage().idForLogs());
  }
}
