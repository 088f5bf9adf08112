package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.junit.jupiter.api.Test;

/**
 * The Odoo-compatible JSON-RPC routes (API.md §8), spoken as Odoo clients do: raw HTTP, the
 * JSON-RPC envelope, the session_id cookie and no other header.
 */
class OdooJsonRpcIT extends ApiTestBase {

  @ArquillianResource private ManagementClient management;

  private static String call(String params) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"params\":" + params + ",\"id\":7}";
  }

  private static String credentials(String db, String login, String password) {
    return call("{\"db\":\"" + db + "\",\"login\":\"" + login + "\",\"password\":\"" + password + "\"}");
  }

  private static JsonObject rpc(ApiClient client, String route, String body) {
    ApiClient.Response answer = client.post("/web/session/" + route, body).expect(200);
    JsonObject json = answer.json();
    assertEquals("2.0", json.getString("jsonrpc"));
    return json;
  }

  private static void assertAccessDenied(JsonObject answer) {
    JsonObject error = answer.getJsonObject("error");
    assertEquals(200, error.getInt("code"));
    assertEquals("Odoo Server Error", error.getString("message"));
    assertEquals("odoo.exceptions.AccessDenied", error.getJsonObject("data").getString("name"));
    assertFalse(answer.containsKey("result"));
  }

  private static void assertSessionExpired(JsonObject answer) {
    JsonObject error = answer.getJsonObject("error");
    assertEquals(100, error.getInt("code"));
    assertEquals("Odoo Session Expired", error.getString("message"));
    assertEquals("odoo.http.SessionExpiredException", error.getJsonObject("data").getString("name"));
  }

  @Test
  void authenticateAnswersOdoosSessionInfoAndSetsTheCookie() {
    ApiClient odoo = new ApiClient();
    JsonObject answer = rpc(odoo, "authenticate", credentials("erp", "admin", "admin"));
    assertEquals(7, answer.getInt("id"));
    JsonObject info = answer.getJsonObject("result");
    assertEquals(2, info.getInt("uid"));
    assertEquals("Mitchell Admin", info.getString("name"));
    assertEquals("admin", info.getString("username"));
    assertTrue(info.getBoolean("is_admin"));
    assertTrue(info.getBoolean("is_system"));
    assertEquals("erp", info.getString("db"));
    JsonObject userContext = info.getJsonObject("user_context");
    assertEquals("en_US", userContext.getString("lang"));
    assertEquals("Europe/Brussels", userContext.getString("tz"));
    assertEquals(2, userContext.getInt("uid"));
    JsonObject companies = info.getJsonObject("user_companies");
    assertEquals(1, companies.getInt("current_company"));
    JsonObject chicago = companies.getJsonObject("allowed_companies").getJsonObject("3");
    assertEquals(3, chicago.getInt("id"));
    assertEquals("My Company (Chicago)", chicago.getString("name"));
    assertFalse(info.getString("server_version").isBlank());
    assertEquals(6, info.getJsonArray("server_version_info").size());
    assertNotNull(odoo.sessionId(), "session_id cookie set");
  }

  @Test
  void versionInfoAnswersWithoutASessionAsOdooClientsExpect() {
    JsonObject answer = new ApiClient().post("/web/webclient/version_info", call("{}")).expect(200).json();
    assertEquals(7, answer.getInt("id"));
    JsonObject result = answer.getJsonObject("result");
    assertFalse(result.getString("server_version").isBlank());
    assertEquals(6, result.getJsonArray("server_version_info").size());
    assertEquals(1, result.getInt("protocol_version"));
  }

  @Test
  void aJsonRpcLoginIsValidOnTheRestApiAndTheOtherWayRound() {
    ApiClient odoo = new ApiClient();
    rpc(odoo, "authenticate", credentials("erp", "demo", "demo"));
    assertEquals("demo", odoo.get("/api/session").expect(200).json().getString("login"));

    ApiClient rest = new ApiClient();
    rest.signIn("portal", "portal");
    rest.useCsrfToken(null); // JSON-RPC needs no CSRF header
    JsonObject info = rpc(rest, "get_session_info", call("{}")).getJsonObject("result");
    assertEquals("portal", info.getString("username"));
    assertEquals("fr_FR", info.getJsonObject("user_context").getString("lang"));
  }

  @Test
  void aClientSendingOnlyTheCookieAndContentTypeWorks() throws IOException, InterruptedException {
    ApiClient odoo = new ApiClient();
    rpc(odoo, "authenticate", credentials("erp", "demo", "demo"));
    HttpRequest bare =
        HttpRequest.newBuilder(URI.create(ApiClient.BASE + "/web/session/get_session_info"))
            .header("Cookie", "session_id=" + odoo.sessionId())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(call("{}")))
            .build();
    HttpResponse<String> answer = HttpClient.newHttpClient().send(bare, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode());
    assertTrue(answer.body().contains("\"username\":\"demo\""), answer.body());
  }

  @Test
  void wrongPasswordUnknownLoginAndWrongDbAreAccessDenied() {
    assertAccessDenied(rpc(new ApiClient(), "authenticate", credentials("erp", "demo", "wrong")));
    assertAccessDenied(rpc(new ApiClient(), "authenticate", credentials("erp", uniqueLogin("nobody"), "x")));
    ApiClient wrongDb = new ApiClient();
    assertAccessDenied(rpc(wrongDb, "authenticate", credentials("production", "demo", "demo")));
    assertEquals(null, wrongDb.sessionId());
  }

  @Test
  void withoutASessionGetSessionInfoAndCheckAnswerSessionExpired() {
    ApiClient anonymous = new ApiClient();
    assertSessionExpired(rpc(anonymous, "get_session_info", call("{}")));
    assertSessionExpired(rpc(anonymous, "check", call("{}")));
    ApiClient forged = new ApiClient();
    forged.useSessionId("forged" + "0".repeat(30));
    assertSessionExpired(rpc(forged, "check", call("{}")));
  }

  @Test
  void checkAndDestroyEndTheSessionEverywhere() {
    ApiClient odoo = new ApiClient();
    rpc(odoo, "authenticate", credentials("erp", "demo", "demo"));
    String id = odoo.sessionId();
    JsonObject checked = rpc(odoo, "check", call("{}"));
    assertTrue(checked.containsKey("result") && checked.isNull("result"));
    JsonObject destroyed = rpc(odoo, "destroy", call("{}"));
    assertTrue(destroyed.isNull("result"));
    ApiClient stale = new ApiClient();
    stale.useSessionId(id);
    assertSessionExpired(rpc(stale, "get_session_info", call("{}")));
    stale.get("/api/session").expect(401);
  }

  @Test
  void authenticateRotatesTheSessionId() {
    ApiClient odoo = new ApiClient();
    rpc(odoo, "authenticate", credentials("erp", "demo", "demo"));
    String before = odoo.sessionId();
    rpc(odoo, "authenticate", credentials("erp", "demo", "demo"));
    ApiClient planted = new ApiClient();
    planted.useSessionId(before);
    assertSessionExpired(rpc(planted, "check", call("{}")));
    assertTrue(rpc(odoo, "check", call("{}")).isNull("result"));
  }

  @Test
  void theCooldownAppliesToJsonRpcLoginsToo() {
    ServerProperties properties = new ServerProperties(management);
    try {
      String login = createUser("odoo-cooldown");
      properties.set("erp.login.cooldown-after", "3").set("erp.login.cooldown", "PT2S");
      for (int i = 0; i < 3; i++) {
        assertAccessDenied(rpc(new ApiClient(), "authenticate", credentials("erp", login, "wrong")));
      }
      JsonObject refused = rpc(new ApiClient(), "authenticate", credentials("erp", login, PASSWORD));
      assertAccessDenied(refused);
      assertTrue(refused.getJsonObject("error").getJsonObject("data").getString("message").contains("Too many"));
      sleep(2300);
      assertEquals(login, rpc(new ApiClient(), "authenticate", credentials("erp", login, PASSWORD))
          .getJsonObject("result").getString("username"));
    } finally {
      properties.restore();
    }
  }

  @Test
  void requestsWithoutJsonContentTypeAreRefused() {
    ApiClient client = new ApiClient();
    ApiClient.Response answer =
        client.send("POST", "/web/session/authenticate", credentials("erp", "demo", "demo"), "text/plain");
    assertEquals(415, answer.status());
    assertEquals(null, client.sessionId());
  }

  @Test
  void logoutRedirectsOnlyToLocalPaths() throws IOException, InterruptedException {
    // HTTP/1.1: the 20 KiB targets below are for Undertow's HTTP/1.1 header writer.
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String[][] cases = {
      {"/web", "/web"},
      {"/odoo/action-7?x=1", "/odoo/action-7?x=1"},
      {"//evil.example/", "/"},
      {"https://evil.example/", "/"},
      {"/\\evil.example", "/"},
      {"javascript:alert(1)", "/"},
      // Undertow writes one byte per header character: U+012F is '/', U+015C '\\'.
      {"/\u012Fevil.example", "/"},
      {"/\u015Cevil.example", "/"},
      {"/%2F%2Fevil.example", "/"},
      // Longer than Undertow's header buffer, where U+010D U+010A became a real CR LF.
      {"/" + "x".repeat(20 * 1024) + "\u010D\u010ASet-Cookie: session_id=planted", "/"},
      {"/" + "x".repeat(20 * 1024), "/"},
    };
    for (String[] testCase : cases) {
      ApiClient odoo = new ApiClient();
      rpc(odoo, "authenticate", credentials("erp", "demo", "demo"));
      String encoded = java.net.URLEncoder.encode(testCase[0], java.nio.charset.StandardCharsets.UTF_8);
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(ApiClient.BASE + "/web/session/logout?redirect=" + encoded))
                  .header("Cookie", "session_id=" + odoo.sessionId())
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(303, answer.statusCode(), testCase[0]);
      String location = answer.headers().firstValue("Location").orElseThrow();
      assertEquals(ApiClient.BASE + testCase[1], location.startsWith("/") ? ApiClient.BASE + location : location, testCase[0]);
      assertEquals(1, answer.headers().allValues("Location").size(), testCase[0]);
      assertTrue(answer.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.contains("planted")), testCase[0]);
      odoo.get("/api/session/check").expect(401);
    }
  }
}
