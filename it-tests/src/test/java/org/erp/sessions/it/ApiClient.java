package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A browser-like client of the API: keeps the session cookie it is given (and drops it when the
 * server clears it), remembers the CSRF token of its last session info, and sends both.
 */
public final class ApiClient {

  public static final String BASE = System.getProperty("erp.base-url", "http://127.0.0.1:8080");
  public static final String COOKIE = "session_id";

  /** HTTP/1.1 as browsers speak it over plain http (and as the balancer speaks to the nodes). */
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private String sessionId;
  private String csrfToken;
  private String userAgent;
  private String forwardedFor;
  private String forwardedProto;
  private String base = BASE;
  private String apiKey;
  /** Other cookies this client keeps and sends, by name (only those asked for: {@link #keep}). */
  private final java.util.Map<String, String> kept = new java.util.LinkedHashMap<>();

  /** Sends the next requests to this server (another node), keeping cookie and CSRF token. */
  public ApiClient at(String base) {
    this.base = base;
    return this;
  }

  /** The server the next requests go to. */
  public String url() {
    return base;
  }

  /** Authenticates the next requests with this API key ({@code Authorization: Bearer}). */
  public ApiClient withApiKey(String key) {
    this.apiKey = key;
    UsedSecrets.record("api key", key);
    return this;
  }

  /** Keeps the cookie of that name (besides the session cookie) when set, and sends it back. */
  public ApiClient keep(String cookieName) {
    kept.putIfAbsent(cookieName, null);
    return this;
  }

  /** The kept cookie's value, if the server set one. */
  public Optional<String> cookie(String name) {
    return Optional.ofNullable(kept.get(name));
  }

  /** Sends this cookie (kept as if the server had set it). */
  public ApiClient withCookie(String name, String value) {
    kept.put(name, value);
    return this;
  }

  /** Sends this User-Agent header, as a browser would. */
  public ApiClient as(String userAgent) {
    this.userAgent = userAgent;
    return this;
  }

  /** Sends the headers a load balancer adds in front of a node. */
  public ApiClient forwardedFor(String clientAddress, String proto) {
    this.forwardedFor = clientAddress;
    this.forwardedProto = proto;
    return this;
  }

  /** The answer to one request. */
  /** An answer, with the session cookie its request carried (null for none). */
  public record Response(
      int status, java.net.http.HttpHeaders headers, String body, String sentSessionId) {

    public Response(int status, java.net.http.HttpHeaders headers, String body) {
      this(status, headers, body, null);
    }

    public JsonObject json() {
      try (JsonReader reader = Json.createReader(new StringReader(body))) {
        return reader.readObject();
      }
    }

    public JsonValue jsonValue() {
      try (JsonReader reader = Json.createReader(new StringReader(body))) {
        return reader.readValue();
      }
    }

    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    public List<String> setCookies() {
      return headers.allValues("Set-Cookie");
    }

    /** The problem's code, checking that the answer is an RFC 9457 problem with this status. */
    public String code() {
      assertEquals(
          "application/problem+json", header("Content-Type").orElse(""), "problem media type");
      JsonObject problem = json();
      assertEquals(status, problem.getInt("status"), "status in the problem body");
      return problem.getString("code");
    }

    /**
     * Fails unless the status is this one. An unexpected 401 on a request with a session says
     * why the server ended that session, when the test server's log is at hand.
     */
    public Response expect(int expected) {
      assertEquals(
          expected,
          status,
          () ->
              "unexpected status, body: "
                  + body
                  + (status == 401 ? ServerAuditLog.about(sentSessionId) : ""));
      return this;
    }
  }

  public String sessionId() {
    return sessionId;
  }

  public String csrfToken() {
    return csrfToken;
  }

  /** Pretends to be another browser that got hold of this session id. */
  public void useSessionId(String id) {
    this.sessionId = id;
  }

  public void useCsrfToken(String token) {
    this.csrfToken = token;
  }

  public Response login(String login, String password) {
    return post(
        "/api/session",
        Json.createObjectBuilder().add("login", login).add("password", password).build().toString());
  }

  /** Logs in and fails the test unless it worked. */
  public JsonObject signIn(String login, String password) {
    return login(login, password).expect(200).json();
  }

  public Response get(String path) {
    return send("GET", path, null, "application/json");
  }

  public Response post(String path, String json) {
    return send("POST", path, json, "application/json");
  }

  public Response put(String path, String json) {
    return send("PUT", path, json, "application/json");
  }

  public Response patch(String path, String json) {
    return send("PATCH", path, json, "application/json");
  }

  public Response delete(String path) {
    return send("DELETE", path, null, null);
  }

  public Response send(String method, String path, String body, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    List<String> cookies = new java.util.ArrayList<>();
    if (sessionId != null) {
      cookies.add(COOKIE + "=" + sessionId);
    }
    kept.forEach((name, value) -> {
      if (value != null) {
        cookies.add(name + "=" + value);
      }
    });
    if (!cookies.isEmpty()) {
      request.header("Cookie", String.join("; ", cookies));
    }
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    if (userAgent != null) {
      request.header("User-Agent", userAgent);
    }
    if (forwardedFor != null) {
      request.header("X-Forwarded-For", forwardedFor).header("X-Forwarded-Proto", forwardedProto);
    }
    if (csrfToken != null && !method.equals("GET")) {
      request.header("X-CSRF-Token", csrfToken);
    }
    if (contentType != null && body != null) {
      request.header("Content-Type", contentType);
    }
    UsedSecrets.recordPasswordsIn(body);
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Response response =
          new Response(answer.statusCode(), answer.headers(), answer.body(), sessionId);
      remember(response);
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void remember(Response response) {
    for (String cookie : response.setCookies()) {
      String name = cookie.split("=", 2)[0];
      if (kept.containsKey(name)) {
        String value = cookie.substring(name.length() + 1).split(";", 2)[0];
        kept.put(name, value.isEmpty() ? null : value);
        UsedSecrets.record(name + " cookie", value);
        continue;
      }
      if (!cookie.startsWith(COOKIE + "=")) {
        continue;
      }
      String value = cookie.substring(COOKIE.length() + 1).split(";", 2)[0];
      String lower = cookie.toLowerCase();
      boolean cleared = value.isEmpty() || lower.contains("max-age=0") || lower.contains("1970");
      sessionId = cleared ? null : value;
      UsedSecrets.record("session id", sessionId);
    }
    response.header("X-CSRF-Token").ifPresent(token -> {
      csrfToken = token;
      UsedSecrets.record("csrf token", csrfToken);
    });
    if (response.status() == 200
        && response.header("Content-Type").orElse("").startsWith("application/json")
        && response.body().startsWith("{")) {
      JsonObject json = response.json();
      if (json.containsKey("csrf_token")) {
        csrfToken = json.getString("csrf_token");
        UsedSecrets.record("csrf token", csrfToken);
      }
    }
  }

  public static String quote(String text) {
    return Json.createValue(text).toString();
  }
}
