package org.erp.sessions.it;

import static org.erp.sessions.it.fuzz.Endpoint.ep;

import org.erp.sessions.it.fuzz.Access;
import org.erp.sessions.it.fuzz.FuzzTestBase;
import org.erp.sessions.it.fuzz.Param;
import org.erp.sessions.it.fuzz.Schema;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the signed-in user's preferences and password change ({@code /api/me}); see {@link
 * FuzzTestBase}.
 */
class FuzzedPreferencesAndPasswordIT extends FuzzTestBase {

  @Test
  void preferencesAndPassword() {
    fuzz(
        ep("PATCH", "/api/me/preferences", Param.NONE, Schema.PREFERENCES, Access.SESSION, 200),
        ep("PUT", "/api/me/password", Param.NONE, Schema.PASSWORD_CHANGE, Access.SESSION, 120));
  }
}
