package org.erp.sessions.domain.context;

import java.util.List;

/**
 * The context a request runs with (Odoo's {@code env.context}): derived on every request from
 * the user's stored preferences, the session's active companies and per-request overrides, and
 * never stored. The current company is the first of {@code allowedCompanyIds}.
 */
public record RequestContext(String lang, String tz, int uid, List<Integer> allowedCompanyIds) {

  public RequestContext {
    allowedCompanyIds = List.copyOf(allowedCompanyIds);
    if (allowedCompanyIds.isEmpty()) {
      throw new IllegalArgumentException("A context has at least one company.");
    }
  }

  public int currentCompany() {
    return allowedCompanyIds.get(0);
  }
}
