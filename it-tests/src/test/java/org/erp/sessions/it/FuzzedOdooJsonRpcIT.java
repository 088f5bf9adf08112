package org.erp.sessions.it;

import static org.erp.sessions.it.fuzz.Endpoint.ending;
import static org.erp.sessions.it.fuzz.Endpoint.ep;

import org.erp.sessions.it.fuzz.Access;
import org.erp.sessions.it.fuzz.FuzzTestBase;
import org.erp.sessions.it.fuzz.Param;
import org.erp.sessions.it.fuzz.Schema;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes Odoo's JSON-RPC session routes and {@code /web/webclient/version_info} (API.md §8);
 * see {@link FuzzTestBase}.
 */
class FuzzedOdooJsonRpcIT extends FuzzTestBase {

  @Test
  void odooJsonRpc() {
    fuzz(
        ep("POST", "/web/session/authenticate", Param.NONE, Schema.ODOO_AUTH, Access.NONE, 150),
        ep(
            "POST",
            "/web/session/get_session_info",
            Param.NONE,
            Schema.ODOO_CALL,
            Access.OPTIONAL,
            150),
        ep("POST", "/web/session/check", Param.NONE, Schema.ODOO_CALL, Access.OPTIONAL, 150),
        ending("POST", "/web/session/destroy", Param.NONE, Schema.ODOO_CALL, Access.OPTIONAL, 80),
        ending(
            "GET", "/web/session/logout", Param.REDIRECT_QUERY, Schema.NONE, Access.OPTIONAL, 80),
        ep("POST", "/web/webclient/version_info", Param.NONE, Schema.ODOO_CALL, Access.NONE, 100));
  }
}
