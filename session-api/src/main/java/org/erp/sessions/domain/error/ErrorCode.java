package org.erp.sessions.domain.error;

/**
 * The stable, machine-readable error codes of the HTTP contract (API.md §9), each with the HTTP
 * status it is answered with and a short title. Frontends switch on {@link #code()}, never on the
 * human-readable detail.
 */
public enum ErrorCode {
  MALFORMED_JSON(400, "Malformed JSON"),
  VALIDATION_FAILED(400, "Validation failed"),
  INVALID_LANG(400, "Unknown language"),
  INVALID_TZ(400, "Unknown time zone"),
  INVALID_KEY(400, "Invalid key"),
  WEAK_PASSWORD(400, "Weak password"),
  NOT_AUTHENTICATED(401, "Not authenticated"),
  INVALID_CREDENTIALS(401, "Invalid credentials"),
  CSRF_FAILED(403, "CSRF check failed"),
  FORBIDDEN(403, "Forbidden"),
  /** A wrong current password at a password change: 403, so the session is not taken as lost. */
  CURRENT_PASSWORD_WRONG(403, "Invalid credentials", "invalid_credentials"),
  COMPANY_NOT_ALLOWED(403, "Company not allowed"),
  NOT_FOUND(404, "Not found"),
  NO_SUCH_KEY(404, "No such key"),
  METHOD_NOT_ALLOWED(405, "Method not allowed"),
  NOT_ACCEPTABLE(406, "Not acceptable"),
  LOGIN_TAKEN(409, "Login taken"),
  SESSION_LIMIT_REACHED(409, "Session limit reached"),
  PAYLOAD_TOO_LARGE(413, "Payload too large"),
  VALUE_TOO_LARGE(413, "Value too large"),
  SESSION_DATA_FULL(413, "Session data full"),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
  SENSITIVE_KEY(422, "Sensitive key"),
  TOO_MANY_ATTEMPTS(429, "Too many attempts"),
  INTERNAL_ERROR(500, "Internal error"),
  SERVICE_UNAVAILABLE(503, "Service unavailable"),
  /** A sensitive action whose session's last identity check is too old (API.md §12). */
  IDENTITY_CHECK_REQUIRED(403, "Identity check required"),
  /** A session waiting for its second factor used an endpoint other than the second step. */
  TOTP_REQUIRED(401, "Two-factor code required"),
  /** A wrong or already used TOTP code at sign-in: 401, the sign-in did not complete. */
  INVALID_CODE(401, "Invalid code"),
  /** A wrong TOTP code where the session itself is fine (an enrolment, an identity check): 422. */
  CODE_REFUSED(422, "Invalid code", "invalid_code"),
  TOTP_ALREADY_ENABLED(409, "Two-factor authentication already enabled");

  private final int status;
  private final String title;
  private final String code;

  ErrorCode(int status, String title) {
    this(status, title, null);
  }

  ErrorCode(int status, String title, String code) {
    this.status = status;
    this.title = title;
    this.code = code != null ? code : name().toLowerCase(java.util.Locale.ROOT);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The snake_case code of API.md, e.g. {@code invalid_credentials}. */
  public String code() {
    return code;
  }
}
