package org.erp.sessions.it;

import static org.erp.sessions.it.fuzz.Endpoint.ep;

import org.erp.sessions.it.fuzz.Access;
import org.erp.sessions.it.fuzz.FuzzTestBase;
import org.erp.sessions.it.fuzz.Param;
import org.erp.sessions.it.fuzz.Schema;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes "My devices": listing and ending the user's own sessions ({@code
 * /api/session/devices}); see {@link FuzzTestBase}.
 */
class FuzzedDevicesIT extends FuzzTestBase {

  @Test
  void devices() {
    fuzz(
        ep("GET", "/api/session/devices", Param.NONE, Schema.NONE, Access.SESSION, 80),
        ep("DELETE", "/api/session/devices", Param.NONE, Schema.NONE, Access.SESSION, 80),
        ep(
            "DELETE",
            "/api/session/devices/{id}",
            Param.DEVICE_ID,
            Schema.NONE,
            Access.SESSION,
            150));
  }
}
