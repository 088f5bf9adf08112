package org.erp.sessions.it;

import static org.erp.sessions.it.fuzz.Endpoint.ep;

import org.erp.sessions.it.fuzz.Access;
import org.erp.sessions.it.fuzz.FuzzTestBase;
import org.erp.sessions.it.fuzz.Param;
import org.erp.sessions.it.fuzz.Schema;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the administrators' routes: users, their sessions, the cluster and the overview
 * ({@code /api/admin});
 * see {@link FuzzTestBase}.
 */
class FuzzedAdministrationIT extends FuzzTestBase {

  @Test
  void administration() {
    fuzz(
        ep("POST", "/api/admin/users", Param.NONE, Schema.NEW_USER, Access.ADMIN, 250),
        ep("GET", "/api/admin/users/{uid}", Param.UID, Schema.NONE, Access.ADMIN, 120),
        ep("PATCH", "/api/admin/users/{uid}", Param.UID, Schema.USER_CHANGES, Access.ADMIN, 250),
        ep("GET", "/api/admin/users/{uid}/sessions", Param.UID, Schema.NONE, Access.ADMIN, 100),
        ep("DELETE", "/api/admin/users/{uid}/sessions", Param.UID, Schema.NONE, Access.ADMIN, 100),
        ep("DELETE", "/api/admin/sessions/{id}", Param.DEVICE_ID, Schema.NONE, Access.ADMIN, 120),
        ep("GET", "/api/admin/cluster", Param.NONE, Schema.NONE, Access.ADMIN, 60),
        ep("GET", "/api/admin/overview", Param.NONE, Schema.NONE, Access.ADMIN, 60));
  }
}
