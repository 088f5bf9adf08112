package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Base64;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;

/** Health, the OpenAPI document, and protocol errors answered as problems. */
class HealthAndProtocolIT extends ApiTestBase {

  private static final SecureRandom RANDOM = new SecureRandom();

  @ArquillianResource private ManagementClient management;

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

  /**
   * The 256 KiB buffer that holds an unsafe request's answer until its session is stored is only
   * for requests with a session: a flood of anonymous requests keeps the default buffer. Seen
   * from outside: an anonymous 40 KiB answer goes out chunked as it is written, the same answer
   * with a session goes out whole, with a Content-Length.
   */
  @Test
  void onlyRequestsWithASessionGetTheLargeAnswerBuffer() throws java.io.IOException {
    // Odoo's authenticate echoes the JSON-RPC id: a 40 KiB id makes a 40 KiB answer.
    String call =
        "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"params\":{\"db\":\"no-such-db\","
            + "\"login\":\"a\",\"password\":\"b\"},\"id\":\"" + "x".repeat(40_000) + "\"}";
    assertEquals("chunked", framingOf(call, null));
    ApiClient client = new ApiClient();
    client.signIn("demo", "demo");
    assertEquals("length", framingOf(call, client.sessionId()));
  }

  /**
   * A stale or made-up session cookie costs at most two lookups in the session store per request
   * (the first, and one more where the request is found signed in or not): before, every reader
   * of the request's session asked the store again (seven database queries for a GET, nine for a
   * PUT, six on a module's routes), so such cookies loaded the database at a multiple of the
   * request rate. Counted by the session cache's statistics.
   */
  @Test
  void aSessionCookieThatNamesNoSessionIsLookedUpInTheStoreAtMostTwicePerRequest() {
    ApiClient stranger = new ApiClient();
    long before = sessionStoreMisses();
    int requests = 0;
    for (int round = 0; round < 5; round++) {
      stranger.useSessionId(madeUpSessionId());
      stranger.get("/api/session").expect(401);
      stranger.useSessionId(madeUpSessionId());
      stranger.get("/api/session/check").expect(401);
      stranger.useSessionId(madeUpSessionId());
      stranger.useCsrfToken("made-up-token");
      stranger.put("/api/session/companies", "[1]").expect(401);
      stranger.useSessionId(madeUpSessionId());
      stranger.delete("/api/session").expect(204);
      // An ERP module's WAR has a session manager of its own (sharing the sessions).
      stranger.useSessionId(madeUpSessionId());
      stranger.get("/sales/api/wizard").expect(401);
      stranger.useSessionId(madeUpSessionId());
      stranger.post("/sales/api/wizard", "{\"customer\":\"Azure Interior\",\"company_id\":2}")
          .expect(401);
      requests += 6;
    }
    long lookups = sessionStoreMisses() - before;
    // More than one per request (the request's first lookup, then the one that decides whether
    // it is signed in asks the store itself: MissingSessionLookup.LOOK_AGAIN), at most two: the
    // same requests made 6 to 9 each. Nothing else looks up missing sessions meanwhile.
    assertTrue(
        lookups > requests && lookups <= 2L * requests,
        requests + " requests with unknown session cookies made " + lookups + " store lookups");
  }

  /** An id shaped like the session manager's own (24 random bytes, base64url). */
  private static String madeUpSessionId() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Lookups of the session cache that found nothing in memory or in its store. */
  private long sessionStoreMisses() {
    ModelNode read = new ModelNode();
    read.get("operation").set("read-attribute");
    read.get("address")
        .add("subsystem", "infinispan")
        .add("cache-container", "web")
        .add("cache", "erp-session.ear")
        .add("component", "persistence");
    read.get("name").set("cache-loader-misses");
    try {
      ModelNode result = management.getControllerClient().execute(read);
      assertEquals("success", result.get("outcome").asString(), result.toString());
      return result.get("result").asLong();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How the answer's body is delimited: "chunked" or "length" (Content-Length). */
  private static String framingOf(String body, String sessionId) throws java.io.IOException {
    java.net.URI base = java.net.URI.create(ApiClient.BASE);
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      String head =
          "POST /web/session/authenticate HTTP/1.1\r\nHost: " + base.getHost()
              + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n"
              + (sessionId == null ? "" : "Cookie: " + ApiClient.COOKIE + "=" + sessionId + "\r\n")
              + "\r\n";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().write(bytes);
      java.io.InputStream in = socket.getInputStream();
      StringBuilder headers = new StringBuilder();
      while (headers.indexOf("\r\n\r\n") < 0) {
        int next = in.read();
        if (next < 0) {
          break;
        }
        headers.append((char) next);
      }
      String lower = headers.toString().toLowerCase(java.util.Locale.ROOT);
      assertTrue(lower.startsWith("http/1.1 200"), headers.toString());
      if (lower.contains("\r\ntransfer-encoding: chunked")) {
        return "chunked";
      }
      return lower.contains("\r\ncontent-length: ") ? "length" : headers.toString();
    }
  }
}
