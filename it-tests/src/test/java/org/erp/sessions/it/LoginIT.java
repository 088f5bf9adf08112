package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Login, session info, check and logout (API.md §1), with the cookie and error rules of §0. */
class LoginIT extends ApiTestBase {

  @Test
  void loginAnswersTheSessionInfoOfTheDemoAdmin() {
    ApiClient client = new ApiClient();
    JsonObject info = client.signIn("admin", "admin");

    assertEquals(2, info.getInt("uid"));
    assertEquals("admin", info.getString("login"));
    assertEquals("Mitchell Admin", info.getString("name"));
    assertTrue(info.getBoolean("is_admin"));
    JsonObject context = info.getJsonObject("context");
    assertEquals("en_US", context.getString("lang"));
    assertEquals("Europe/Brussels", context.getString("tz"));
    assertEquals(2, context.getInt("uid"));
    assertEquals(List.of(1, 2, 3), ints(context, "allowed_company_ids"));
    JsonObject companies = info.getJsonObject("user_companies");
    assertEquals(1, companies.getInt("current_company"));
    assertEquals(3, companies.getJsonArray("allowed_companies").size());
    assertEquals(
        "My Company (San Francisco)",
        companies.getJsonArray("allowed_companies").getJsonObject(1).getString("name"));
    JsonObject session = info.getJsonObject("session");
    Instant created = Instant.parse(session.getString("created_at"));
    Instant idle = Instant.parse(session.getString("idle_expires_at"));
    Instant absolute = Instant.parse(session.getString("absolute_expires_at"));
    assertTrue(session.getString("created_at").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    assertEquals(30 * 60, idle.getEpochSecond() - created.getEpochSecond(), 1);
    assertEquals(12 * 3600, absolute.getEpochSecond() - created.getEpochSecond());
    assertTrue(info.getString("csrf_token").length() >= 32);
    assertFalse(info.getString("server_version").isBlank());
    assertFalse(info.toString().contains(client.sessionId()), "no session id in the body");
  }

  @Test
  void sessionCookieIsHttpOnlySameSiteLaxPathRootAndNotSecureOverPlainHttp() {
    ApiClient client = new ApiClient();
    ApiClient.Response login = client.login("demo", "demo").expect(200);
    String cookie =
        login.setCookies().stream().filter(c -> c.startsWith("session_id=")).findFirst().orElseThrow();
    String lower = cookie.toLowerCase();
    assertTrue(lower.contains("httponly"), cookie);
    assertTrue(lower.contains("samesite=lax"), cookie);
    assertTrue(lower.contains("path=/"), cookie);
    assertFalse(lower.contains("secure"), cookie);
    // At least 128 bits of randomness: the id (without the route) is long enough.
    assertTrue(client.sessionId().split("\\.")[0].length() >= 22, "session id length");
    assertEquals("no-store", login.header("Cache-Control").orElse(""));
  }

  @Test
  void sessionInfoAndCheckAnswerForAValidSession() {
    ApiClient client = new ApiClient();
    client.signIn("demo", "demo");
    assertEquals("demo", client.get("/api/session").expect(200).json().getString("login"));
    client.get("/api/session/check").expect(204);
  }

  @Test
  void withoutASessionEverySessionEndpointAnswers401AndClearsTheCookie() {
    ApiClient anonymous = new ApiClient();
    for (String path : List.of("/api/session", "/api/session/check", "/api/context", "/api/session/data")) {
      ApiClient.Response answer = anonymous.get(path).expect(401);
      assertEquals("not_authenticated", answer.code());
      assertTrue(
          answer.setCookies().stream().anyMatch(c -> c.startsWith("session_id=;") && c.contains("Max-Age=0")),
          "cookie cleared on " + path);
    }
    ApiClient forged = new ApiClient();
    forged.useSessionId("forged-" + "x".repeat(30));
    assertEquals("not_authenticated", forged.get("/api/session").expect(401).code());
  }

  @Test
  void unknownLoginWrongPasswordAndInactiveUserGetTheSameAnswer() {
    String inactive = createUser("inactive");
    ApiClient admin = admin();
    int uid = new ApiClient().signIn(inactive, PASSWORD).getInt("uid");
    admin.patch("/api/admin/users/" + uid, "{\"active\":false}").expect(200);

    ApiClient.Response unknown = new ApiClient().login("nobody-" + uid, "whatever").expect(401);
    ApiClient.Response wrong = new ApiClient().login("demo", "wrong password").expect(401);
    ApiClient.Response deactivated = new ApiClient().login(inactive, PASSWORD).expect(401);
    assertEquals("invalid_credentials", unknown.code());
    assertEquals(unknown.body(), wrong.body());
    assertEquals(unknown.body(), deactivated.body());
  }

  @Test
  void loginDiscardsTheSessionItCameWithSoAPlantedIdNeverBecomesValid() {
    ApiClient victim = new ApiClient();
    victim.signIn("demo", "demo");
    String before = victim.sessionId();

    victim.signIn("demo", "demo");
    String after = victim.sessionId();
    assertNotNull(after);
    assertNotEquals(before.split("\\.")[0], after.split("\\.")[0], "a new id at login");

    ApiClient attacker = new ApiClient();
    attacker.useSessionId(before);
    assertEquals("not_authenticated", attacker.get("/api/session").expect(401).code());
    victim.get("/api/session").expect(200);
  }

  @Test
  void logoutEndsTheSessionClearsTheCookieAndIsIdempotent() {
    ApiClient client = new ApiClient();
    client.signIn("demo", "demo");
    String id = client.sessionId();
    ApiClient.Response logout = client.delete("/api/session").expect(204);
    assertTrue(logout.setCookies().stream().anyMatch(c -> c.contains("Max-Age=0")));
    ApiClient stale = new ApiClient();
    stale.useSessionId(id);
    stale.get("/api/session/check").expect(401);
    new ApiClient().delete("/api/session").expect(204);
  }

  @Test
  void logoutOfAValidSessionNeedsTheCsrfToken() {
    ApiClient client = new ApiClient();
    client.signIn("demo", "demo");
    String token = client.csrfToken();
    client.useCsrfToken(null);
    assertEquals("csrf_failed", client.delete("/api/session").expect(403).code());
    client.get("/api/session/check").expect(204);
    client.useCsrfToken(token);
    client.delete("/api/session").expect(204);
  }

  @Test
  void badLoginRequestsGetClearProblems() {
    ApiClient client = new ApiClient();
    assertEquals("validation_failed", client.post("/api/session", "{\"login\":\"admin\"}").expect(400).code());
    assertEquals(
        "validation_failed",
        client.post("/api/session", "{\"login\":\"\",\"password\":\"x\"}").expect(400).code());
    assertEquals(
        "validation_failed",
        client.post("/api/session", "{\"login\":1,\"password\":\"x\"}").expect(400).code());
    assertEquals("validation_failed", client.post("/api/session", "[1,2]").expect(400).code());
    assertEquals("malformed_json", client.post("/api/session", "{\"login\":").expect(400).code());
    assertEquals("malformed_json", client.post("/api/session", "").expect(400).code());
    assertEquals(
        "unsupported_media_type",
        client.send("POST", "/api/session", "login=admin&password=admin", "application/x-www-form-urlencoded")
            .expect(415)
            .code());
    String huge = "{\"login\":\"" + "a".repeat(70 * 1024) + "\",\"password\":\"x\"}";
    assertEquals("payload_too_large", client.post("/api/session", huge).expect(413).code());
  }

  @Test
  void problemsNeverCarryStackTracesOrClassNames() {
    ApiClient client = new ApiClient();
    ApiClient.Response answer = client.post("/api/session", "{\"login\": [}");
    assertFalse(answer.body().contains("Exception"), answer.body());
    assertFalse(answer.body().contains("org."), answer.body());
  }

  static List<Integer> ints(JsonObject object, String field) {
    return object.getJsonArray(field).getValuesAs(jakarta.json.JsonNumber.class).stream()
        .map(jakarta.json.JsonNumber::intValue)
        .toList();
  }
}
