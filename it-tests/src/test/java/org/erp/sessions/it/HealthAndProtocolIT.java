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
