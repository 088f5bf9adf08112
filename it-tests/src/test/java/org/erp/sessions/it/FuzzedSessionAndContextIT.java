package org.erp.sessions.it;

import static org.erp.sessions.it.fuzz.Endpoint.ending;
import static org.erp.sessions.it.fuzz.Endpoint.ep;

import org.erp.sessions.it.fuzz.Access;
import org.erp.sessions.it.fuzz.FuzzTestBase;
import org.erp.sessions.it.fuzz.Param;
import org.erp.sessions.it.fuzz.Schema;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes sign-in, the session, logout, the active companies, the request context and health
 * ({@code /api/session}, {@code /api/context}, {@code /api/health}); see {@link FuzzTestBase}.
 */
class FuzzedSessionAndContextIT extends FuzzTestBase {

  @Test
  void sessionLoginContextAndCompanies() {
    fuzz(
        ep("POST", "/api/session", Param.NONE, Schema.LOGIN, Access.NONE, 120),
        ep("GET", "/api/session", Param.NONE, Schema.NONE, Access.SESSION, 120),
        ending("DELETE", "/api/session", Param.NONE, Schema.NONE, Access.OPTIONAL, 80),
        ep("GET", "/api/session/check", Param.NONE, Schema.NONE, Access.SESSION, 100),
        ep("PUT", "/api/session/companies", Param.NONE, Schema.COMPANIES, Access.SESSION, 200),
        ep("GET", "/api/context", Param.CONTEXT_QUERY, Schema.NONE, Access.SESSION, 120),
        ep("GET", "/api/health", Param.NONE, Schema.NONE, Access.NONE, 60));
  }
}
