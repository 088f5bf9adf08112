package org.erp.sessions.it;

import static org.erp.sessions.it.fuzz.Endpoint.ep;

import org.erp.sessions.it.fuzz.Access;
import org.erp.sessions.it.fuzz.FuzzTestBase;
import org.erp.sessions.it.fuzz.Param;
import org.erp.sessions.it.fuzz.Schema;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the session's custom data ({@code /api/session/data} and its keys); see {@link
 * FuzzTestBase}.
 */
class FuzzedSessionDataIT extends FuzzTestBase {

  @Test
  void sessionData() {
    fuzz(
        ep("GET", "/api/session/data", Param.NONE, Schema.NONE, Access.SESSION, 100),
        ep("DELETE", "/api/session/data", Param.NONE, Schema.NONE, Access.SESSION, 100),
        ep("GET", "/api/session/data/{key}", Param.KEY, Schema.NONE, Access.SESSION, 150),
        ep("PUT", "/api/session/data/{key}", Param.KEY, Schema.DATA_VALUE, Access.SESSION, 300),
        ep("DELETE", "/api/session/data/{key}", Param.KEY, Schema.NONE, Access.SESSION, 120));
  }
}
