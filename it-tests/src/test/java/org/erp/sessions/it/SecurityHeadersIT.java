package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The browser-facing defences: headers, where session ids may come from, and what they are. */
class SecurityHeadersIT extends ApiTestBase {

  @Test
  void logoutClearsSiteData() {
    ApiClient client = new ApiClient();
    client.signIn(createUser("clear-site"), PASSWORD);
    ApiClient.Response logout = client.delete("/api/session").expect(204);
    assertEquals("\"storage\"", logout.header("Clear-Site-Data").orElse(""));
    String cleared = logout.header("Set-Cookie").orElse("");
    assertTrue(cleared.startsWith(ApiClient.COOKIE + "=;") && cleared.contains("Max-Age=0"), cleared);

    ApiClient odoo = new ApiClient();
    odoo.signIn(createUser("clear-site-odoo"), PASSWORD);
    ApiClient.Response destroy =
        odoo.post("/web/session/destroy", "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"params\":{}}")
            .expect(200);
    assertEquals("\"storage\"", destroy.header("Clear-Site-Data").orElse(""));
  }

  @Test
  void everyAnswerCarriesNoStoreNosniffAndReferrerPolicy() {
    ApiClient client = new ApiClient();
    List<ApiClient.Response> answers =
        List.of(
            client.get("/api/health"),
            client.get("/api/session"), // 401 problem
            client.login(createUser("headers"), PASSWORD),
            client.get("/api/session"),
            client.get("/api/session/data"),
            client.get("/api/no-such-thing"));
    for (ApiClient.Response answer : answers) {
      assertEquals("no-store", answer.header("Cache-Control").orElse(""), answer.body());
      assertEquals("nosniff", answer.header("X-Content-Type-Options").orElse(""));
      assertEquals("no-referrer", answer.header("Referrer-Policy").orElse(""));
    }
  }

  @Test
  void thePageCarriesAStrictContentSecurityPolicy() {
    for (String path : List.of("/", "/index.html", "/js/app.js", "/api/health")) {
      ApiClient.Response page = new ApiClient().get(path).expect(200);
      String policy = page.header("Content-Security-Policy").orElse("");
      assertTrue(policy.startsWith("default-src 'self';"), path + ": " + policy);
      assertTrue(policy.contains("script-src 'self';"), policy);
      assertTrue(policy.contains("object-src 'none'"), policy);
      assertTrue(policy.contains("base-uri 'none'"), policy);
      assertTrue(policy.contains("frame-ancestors 'none'"), policy);
      assertFalse(policy.contains("unsafe"), policy);
      assertEquals("DENY", page.header("X-Frame-Options").orElse(""));
      assertEquals("nosniff", page.header("X-Content-Type-Options").orElse(""));
      assertEquals("no-referrer", page.header("Referrer-Policy").orElse(""));
    }
  }

  @Test
  void aSessionIdInTheUrlIsIgnored() {
    ApiClient owner = new ApiClient();
    owner.signIn(createUser("url-id"), PASSWORD);
    String id = owner.sessionId();
    for (String path :
        List.of(
            "/api/session;jsessionid=" + id,
            "/api/session;session_id=" + id,
            "/api/session?session_id=" + id,
            "/api/session?jsessionid=" + id)) {
      ApiClient.Response answer = new ApiClient().get(path);
      assertEquals(401, answer.status(), path);
      assertEquals("not_authenticated", answer.code());
    }
    // The owner's session is untouched by the attempts.
    owner.get("/api/session").expect(200);
  }

  @Test
  void sessionIdsCarryAtLeast128BitsFromTheServerGenerator() {
    String login = createUser("entropy");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      ApiClient client = new ApiClient();
      client.signIn(login, PASSWORD);
      // Undertow's SecureRandom generator, base64url-like: 6 bits a character. A cookie value may
      // end with ".<route>" (the node): that part is not random.
      String id = client.sessionId().split("\\.", 2)[0];
      assertTrue(id.matches("[A-Za-z0-9_\\-]+"), id.length() + " characters, unexpected alphabet");
      assertTrue(id.length() * 6 >= 128, "only " + id.length() * 6 + " bits");
      ids.add(id);
      client.delete("/api/session").expect(204);
    }
    assertEquals(50, ids.size(), "every login gets a new id");
  }

  @Test
  void aForwardedProtoHeaderIsNotTrustedWithoutABalancer() throws Exception {
    // A single node serves clients directly: a client claiming HTTPS must not change anything.
    HttpRequest login =
        HttpRequest.newBuilder(URI.create(ApiClient.BASE + "/api/session"))
            .header("Content-Type", "application/json")
            .header("X-Forwarded-Proto", "https")
            .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"admin\",\"password\":\"admin\"}"))
            .build();
    HttpResponse<String> answer =
        HttpClient.newHttpClient().send(login, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode());
    String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
    UsedSecrets.record("session id", cookie.substring(cookie.indexOf('=') + 1).split(";", 2)[0]);
    assertFalse(cookie.toLowerCase().contains("secure"), cookie);
  }
}
