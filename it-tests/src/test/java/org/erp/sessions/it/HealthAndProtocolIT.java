package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Health, the OpenAPI document, and protocol errors answered as problems. */
class HealthAndProtocolIT extends ApiTestBase {

  @Test
  void healthSaysUpAndNothingMoreToAnonymousCallers() {
    for (int i = 0; i < 50; i++) {
      var health = new ApiClient().get("/api/health").expect(200).json();
      assertEquals(java.util.Set.of("status"), health.keySet());
      assertEquals("UP", health.getString("status"));
    }
  }

  @Test
  void theOpenApiDocumentDescribesTheApi() {
    String document = new ApiClient().send("GET", "/openapi", null, null).expect(200).body();
    for (String path :
        new String[] {
          "/api/session", "/api/session/data/{key}", "/api/context", "/api/admin/users",
          "/api/session/devices/{id}", "/web/session/authenticate", "/web/session/logout"
        }) {
      assertTrue(
          document.contains("  " + path + ":"),
          () -> path + " missing from the paths: "
              + document.lines().filter(line -> line.matches("^\\s*\"?/.*")).toList());
    }
    assertTrue(!document.contains("/api/authenticate"), "Odoo routes are not under /api");
  }

  @Test
  void unknownPathsAndMethodsAreProblems() {
    ApiClient client = new ApiClient();
    assertEquals("not_found", client.get("/api/nothing-here").expect(404).code());
    ApiClient.Response notAllowed = client.send("PATCH", "/api/health", "{}", "application/json").expect(405);
    assertEquals("method_not_allowed", notAllowed.code());
  }
}
