package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every administration operation the service describes in its OpenAPI document refuses a signed-in
 * user who is not an administrator, whatever the operation's own annotations say.
 */
class AdminAccessIT extends ApiTestBase {

  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  @Test
  void everyAdminOperationRefusesANonAdministrator() {
    JsonObject paths =
        new ApiClient().send("GET", "/openapi?format=JSON", null, null).expect(200).json()
            .getJsonObject("paths");
    ApiClient user = new ApiClient();
    user.signIn(createUser("not-admin"), PASSWORD);
    List<String> tried = new ArrayList<>();
    for (String path : paths.keySet()) {
      if (!path.startsWith("/api/admin")) {
        continue;
      }
      String concrete = path.replace("{uid}", "2").replace("{id}", "some-device");
      for (String method : paths.getJsonObject(path).keySet()) {
        if (!METHODS.contains(method)) {
          continue;
        }
        String body = method.equals("post") || method.equals("patch") || method.equals("put") ? "{}" : null;
        ApiClient.Response answer =
            user.send(method.toUpperCase(), concrete, body, body == null ? null : "application/json");
        assertEquals(403, answer.status(), method + " " + path + ": " + answer.body());
        assertEquals("forbidden", answer.code(), method + " " + path);
        tried.add(method + " " + path);
      }
    }
    // users: create, get, patch, sessions list and end; sessions: end one; cluster; overview.
    assertTrue(tried.size() >= 8, "admin operations found in /openapi: " + tried);
  }
}
