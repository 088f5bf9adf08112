package org.erp.sessions.api;

import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The session of the current request, for ERP modules deployed in the session service's EAR:
 * Odoo's {@code request.session}. A request-scoped CDI bean: {@code @Inject ErpSession session}.
 *
 * <p>Who is calling ({@link #uid()}, {@link #login()}) and which companies are active come from
 * the session, checked at the start of the request exactly as for the HTTP API (deadlines,
 * revocation, password change, deactivation). Without a valid session every method but {@link
 * #authStatus()} throws {@link org.erp.sessions.domain.error.ErpException} with code {@code
 * not_authenticated} (HTTP 401).
 *
 * <p>Custom data follows the rules of the HTTP API's {@code /api/session/data} (docs/API.md §3):
 * keys of 1 to 64 characters {@code [A-Za-z0-9_.-]} ({@code invalid_key}); no key naming a secret
 * such as {@code password} or {@code token} ({@code sensitive_key}); values are JSON, each at most
 * {@code erp.session.data.max-value-bytes} as compact JSON ({@code value_too_large}), and per
 * session at most {@code erp.session.data.max-keys} keys and {@code erp.session.data.max-total-bytes}
 * ({@code session_data_full}). A refused write changes nothing. The data is the same the HTTP API
 * sees, replicated across the cluster, and gone when the session ends.
 *
 * @since 1.0
 */
public interface ErpSession {

  /** Whether the request has a valid session; never throws. */
  AuthStatus authStatus();

  /** The signed-in user's id. */
  int uid();

  /** The signed-in user's login. */
  String login();

  /**
   * The companies active in this session, the current one first: Odoo's {@code
   * allowed_company_ids}. Always a subset of the companies the user may access.
   */
  List<Integer> allowedCompanyIds();

  /** The company the user works in now: the first of {@link #allowedCompanyIds()}. */
  int currentCompanyId();

  /** The value stored under {@code key}, if any. */
  Optional<JsonValue> get(String key);

  /** Stores {@code value} under {@code key}, replacing any value there. */
  void put(String key, JsonValue value);

  /** Removes {@code key}; nothing happens when it is absent. */
  void remove(String key);

  /** Every key of the session's custom data, sorted. */
  Set<String> keys();
}
