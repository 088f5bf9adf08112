package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Two-factor authentication over HTTP (API.md §14). The codes are computed here from the secret
 * the enrolment shows, with a few lines of HMAC-SHA1 of our own, as an authenticator app would.
 */
class TwoFactorIT extends ServerPropertiesTestBase {

  private static final String TD = "td_id";

  /** The last time step each user's code was sent for: the server accepts a step once. */
  private final Map<String, Long> lastStep = new HashMap<>();

  @Test
  void enrolmentShowsTheSecretAndItsQrCodeAndAWrongCodeDoesNotEnableIt() {
    String login = createUser("totp-enrol");
    ApiClient client = new ApiClient();
    client.signIn(login, PASSWORD);
    assertFalse(client.get("/api/me/totp").expect(200).json().getBoolean("enabled"));

    JsonObject enrolment = client.post("/api/me/totp", null).expect(200).json();
    String secret = enrolment.getString("secret");
    UsedSecrets.record("totp secret", secret);
    assertTrue(secret.matches("[A-Z2-7]{32}"), "160 bits in base32");
    String uri = enrolment.getString("otpauth_uri");
    assertTrue(uri.startsWith("otpauth://totp/ERP:" + login + "?"), uri);
    assertTrue(uri.contains("secret=" + secret) && uri.contains("issuer=ERP"), uri);
    assertTrue(enrolment.getString("qr_svg").startsWith("<svg"), "an SVG drawn by the server");

    String wrong = wrongCode(secret);
    assertEquals("invalid_code", client.put("/api/me/totp", code(wrong)).expect(422).code());
    assertFalse(client.get("/api/me/totp").expect(200).json().getBoolean("enabled"));

    client.put("/api/me/totp", code(nextCode(login, secret))).expect(204);
    assertTrue(client.get("/api/me/totp").expect(200).json().getBoolean("enabled"));
    assertEquals(
        "totp_already_enabled", client.post("/api/me/totp", null).expect(409).code());
  }

  @Test
  void thePasswordAloneGivesASessionThatCanOnlyTakeTheCodeAndTheCodeRotatesIt() {
    String login = createUser("totp-signin");
    String secret = enrolled(login);

    ApiClient client = new ApiClient();
    JsonObject pending = client.login(login, PASSWORD).expect(200).json();
    assertEquals("pending_totp", pending.getString("auth_status"));
    assertFalse(pending.containsKey("uid"));
    String pendingId = client.sessionId();
    assertNotNull(pendingId, "the pending session has its cookie");

    assertEquals("totp_required", client.get("/api/session").expect(401).code());
    assertEquals("totp_required", client.get("/api/session/data").expect(401).code());
    assertEquals("totp_required", client.get("/api/me/totp").expect(401).code());
    assertEquals("totp_required", client.put("/api/me/totp", code("000000")).expect(401).code());
    assertEquals("invalid_code", client.post("/api/session/totp", step(wrongCode(secret), false)).expect(401).code());

    JsonObject info = client.post("/api/session/totp", step(nextCode(login, secret), false)).expect(200).json();
    assertEquals(login, info.getString("login"));
    assertNotEquals(pendingId, client.sessionId(), "a new session id after the second factor");
    client.get("/api/session").expect(200);

    ApiClient stale = new ApiClient();
    stale.useSessionId(pendingId);
    assertEquals("not_authenticated", stale.get("/api/session").expect(401).code());
  }

  @Test
  void turningTwoFactorOffNeedsARecentIdentityCheckWhichACodeCanGive() {
    String login = createUser("totp-identity");
    String secret = enrolled(login);
    ApiClient client = new ApiClient();
    client.login(login, PASSWORD).expect(200);
    client.post("/api/session/totp", step(nextCode(login, secret), false)).expect(200);
    properties.set("erp.identity-check.window", "PT2S");
    sleep(2500);

    assertEquals("identity_check_required", client.delete("/api/me/totp").expect(403).code());
    assertTrue(client.get("/api/me/totp").expect(200).json().getBoolean("enabled"));
    assertEquals(
        "invalid_code",
        client.post("/api/session/identity", code(wrongCode(secret))).expect(422).code());
    assertEquals("identity_check_required", client.delete("/api/me/totp").expect(403).code());

    client.post("/api/session/identity", code(nextCode(login, secret))).expect(204);
    client.delete("/api/me/totp").expect(204);
    assertFalse(client.get("/api/me/totp").expect(200).json().getBoolean("enabled"));
  }

  @Test
  void withoutAnEncryptionKeyOnlyADemoInstallationEnrols() {
    ApiClient client = new ApiClient();
    client.signIn(createUser("totp-nokey"), PASSWORD);
    properties.set("erp.demo-data", "false"); // the test server has no erp.totp.encryption-key
    assertEquals("service_unavailable", client.post("/api/me/totp", null).expect(503).code());
    properties.set("erp.totp.encryption-key", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    client.post("/api/me/totp", null).expect(200);
  }

  @Test
  void aCodeIsAcceptedOnlyOnce() {
    String login = createUser("totp-replay");
    String secret = enrolled(login);
    String code = nextCode(login, secret);

    ApiClient first = new ApiClient();
    first.login(login, PASSWORD).expect(200);
    first.post("/api/session/totp", step(code, false)).expect(200);

    ApiClient replay = new ApiClient();
    replay.login(login, PASSWORD).expect(200);
    assertEquals("invalid_code", replay.post("/api/session/totp", step(code, false)).expect(401).code());
    // The next code still works.
    replay.post("/api/session/totp", step(nextCode(login, secret), false)).expect(200);
  }

  @Test
  void wrongCodesCountTowardsTheLoginCooldownAndTheRightPasswordDoesNotClearThem() {
    String login = createUser("totp-cooldown");
    String secret = enrolled(login);
    properties.set("erp.login.cooldown-after", "3").set("erp.login.cooldown", "PT3S");

    ApiClient client = new ApiClient();
    client.login(login, PASSWORD).expect(200);
    assertEquals("invalid_code", client.post("/api/session/totp", step(wrongCode(secret), false)).expect(401).code());
    assertEquals("invalid_code", client.post("/api/session/totp", step(wrongCode(secret), false)).expect(401).code());
    // Giving the password again takes no failure away.
    client.login(login, PASSWORD).expect(200);
    assertEquals("invalid_code", client.post("/api/session/totp", step(wrongCode(secret), false)).expect(401).code());

    ApiClient.Response held = client.post("/api/session/totp", step(nextCode(login, secret), false)).expect(429);
    assertEquals("too_many_attempts", held.code());
    assertTrue(held.header("Retry-After").isPresent());
    assertEquals("too_many_attempts", new ApiClient().login(login, PASSWORD).expect(429).code());
  }

  @Test
  void thePendingStateEndsAfterItsTimeout() {
    String login = createUser("totp-expiry");
    String secret = enrolled(login);
    properties.set("erp.totp.pending-timeout", "PT2S");

    ApiClient client = new ApiClient();
    client.login(login, PASSWORD).expect(200);
    sleep(2500);
    String code = nextCode(login, secret);
    assertEquals("not_authenticated", client.post("/api/session/totp", step(code, false)).expect(401).code());
    assertEquals("not_authenticated", client.get("/api/session").expect(401).code());
  }

  @Test
  void aRememberedBrowserSkipsTheCodeForItsUserOnlyUntilRevokedInMyDevices() {
    String login = createUser("totp-remember");
    String secret = enrolled(login);

    ApiClient browser = new ApiClient().keep(TD);
    browser.login(login, PASSWORD).expect(200);
    ApiClient.Response done = browser.post("/api/session/totp", step(nextCode(login, secret), true)).expect(200);
    String setCookie = done.setCookies().stream().filter(c -> c.startsWith(TD + "=")).findFirst().orElseThrow();
    assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
    assertTrue(setCookie.contains("Max-Age=7776000"), "90 days: " + setCookie);
    String token = browser.cookie(TD).orElseThrow();

    browser.delete("/api/session").expect(204);
    JsonObject info = browser.login(login, PASSWORD).expect(200).json();
    assertEquals(login, info.getString("login"), "signed in without a code");

    // The cookie is bound to its user: another user with two-factor authentication still gives a code.
    String other = createUser("totp-other");
    enrolled(other);
    ApiClient borrowed = new ApiClient().withCookie(TD, token);
    assertEquals("pending_totp", borrowed.login(other, PASSWORD).expect(200).json().getString("auth_status"));

    JsonObject remembered = browser.get("/api/me/trusted-devices").expect(200).jsonValue().asJsonArray().getJsonObject(0);
    assertTrue(remembered.getBoolean("current"));
    browser.delete("/api/me/trusted-devices/" + remembered.getString("id")).expect(204);
    assertEquals(0, browser.get("/api/me/trusted-devices").expect(200).jsonValue().asJsonArray().size());
    assertEquals(
        "not_found", browser.delete("/api/me/trusted-devices/" + remembered.getString("id")).expect(404).code());

    browser.delete("/api/session").expect(204);
    assertEquals("pending_totp", browser.login(login, PASSWORD).expect(200).json().getString("auth_status"));
  }

  @Test
  void overHttpsTheRememberedBrowserCookieIsSecure() throws Exception {
    String login = createUser("totp-https");
    String secret = enrolled(login);
    String https = System.getProperty("erp.https-url", "https://localhost:8443");
    java.net.http.HttpClient client = HttpsCookieIT.trustingClient();
    java.net.http.HttpResponse<String> password =
        client.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(https + "/api/session"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                    Json.createObjectBuilder().add("login", login).add("password", PASSWORD).build().toString()))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, password.statusCode(), password.body());
    String pendingCookie =
        password.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith(ApiClient.COOKIE + "=")).findFirst().orElseThrow().split(";", 2)[0];
    UsedSecrets.record("session id", pendingCookie.substring(ApiClient.COOKIE.length() + 1));
    java.net.http.HttpResponse<String> code =
        client.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(https + "/api/session/totp"))
                .header("Content-Type", "application/json")
                .header("Cookie", pendingCookie)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(step(nextCode(login, secret), true)))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, code.statusCode(), code.body());
    String trusted =
        code.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith(TD + "=")).findFirst().orElseThrow();
    UsedSecrets.record("td_id cookie", trusted.substring(TD.length() + 1).split(";", 2)[0]);
    assertTrue(trusted.contains("; Secure") && trusted.contains("HttpOnly"), trusted);
  }

  @Test
  void disablingOrAnAdminResetTurnsItOffAndOnlyAdminsMayReset() {
    String login = createUser("totp-reset");
    enrolled(login);
    ApiClient user = new ApiClient();
    user.login(login, PASSWORD).expect(200);
    user.post("/api/session/totp", step(nextCode(login, secretOf.get(login)), false)).expect(200);
    int uid = user.get("/api/session").expect(200).json().getInt("uid");
    assertEquals("forbidden", user.delete("/api/admin/users/" + uid + "/totp").expect(403).code());

    user.delete("/api/me/totp").expect(204);
    assertEquals(login, new ApiClient().login(login, PASSWORD).expect(200).json().getString("login"));

    enrolled(login);
    ApiClient admin = admin();
    admin.delete("/api/admin/users/" + uid + "/totp").expect(204);
    assertEquals(login, new ApiClient().login(login, PASSWORD).expect(200).json().getString("login"));
    assertEquals("not_found", admin.delete("/api/admin/users/999999999/totp").expect(404).code());
  }

  @Test
  void odoosAuthenticateDoesNotSignInWithThePasswordAlone() {
    String login = createUser("totp-odoo");
    enrolled(login);
    ApiClient client = new ApiClient();
    JsonObject answer =
        client.post(
                "/web/session/authenticate",
                Json.createObjectBuilder()
                    .add("jsonrpc", "2.0").add("method", "call").add("id", 1)
                    .add("params", Json.createObjectBuilder()
                        .add("db", "erp").add("login", login).add("password", PASSWORD))
                    .build().toString())
            .expect(200).json();
    assertTrue(answer.getJsonObject("result").isNull("uid"), answer.toString());
    JsonObject info = client.post("/web/session/get_session_info", "{\"jsonrpc\":\"2.0\",\"params\":{},\"id\":2}")
        .expect(200).json();
    assertEquals(100, info.getJsonObject("error").getInt("code"), info.toString());
  }

  // --- helpers -------------------------------------------------------------------------------

  private final Map<String, String> secretOf = new HashMap<>();

  /** Signs in as the user, enrols and confirms; returns the secret. */
  private String enrolled(String login) {
    ApiClient client = new ApiClient();
    client.signIn(login, PASSWORD);
    String secret = client.post("/api/me/totp", null).expect(200).json().getString("secret");
    UsedSecrets.record("totp secret", secret);
    lastStep.remove(login); // a new secret: no step used yet
    client.put("/api/me/totp", code(nextCode(login, secret))).expect(204);
    client.delete("/api/session").expect(204);
    secretOf.put(login, secret);
    return secret;
  }

  /**
   * A code the server takes now: of the earliest step of the ±1 window not used yet, so three
   * codes per user need no wait (the tests waited up to 30 s for a step, a minute per run); waits
   * for the next step when all three were used. In the last 2 s of a step it waits for the next
   * one: the server's step could move on before it checks a code of the step before (a test may
   * sign in between).
   */
  private String nextCode(String login, String secret) {
    long millisIntoStep = System.currentTimeMillis() % 30_000;
    if (millisIntoStep > 28_000) {
      sleep(30_000 - millisIntoStep + 100);
    }
    long now = Instant.now().getEpochSecond() / 30;
    long step = Math.max(now - 1, lastStep.getOrDefault(login, Long.MIN_VALUE) + 1);
    if (step > now + 1) {
      sleep((step - 1) * 30_000 - System.currentTimeMillis() + 200);
    }
    lastStep.put(login, step);
    return totp(secret, step);
  }

  /** A code of no step around now. */
  private static String wrongCode(String secret) {
    long now = Instant.now().getEpochSecond() / 30;
    java.util.Set<String> window = new java.util.HashSet<>();
    for (long step = now - 2; step <= now + 3; step++) {
      window.add(totp(secret, step));
    }
    int candidate = Integer.parseInt(totp(secret, now + 40));
    while (window.contains(String.format("%06d", candidate))) {
      candidate = (candidate + 1) % 1_000_000;
    }
    return String.format("%06d", candidate);
  }

  /** RFC 6238 with HMAC-SHA1, 6 digits (RFC 4226 dynamic truncation). */
  static String totp(String base32Secret, long step) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(base32(base32Secret), "HmacSHA1"));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int o = h[19] & 0xf;
      int n = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
      return String.format("%06d", n % 1_000_000);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] base32(String text) {
    ByteBuffer out = ByteBuffer.allocate(text.length() * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (char c : text.toCharArray()) {
      buffer = (buffer << 5) | "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out.put((byte) (buffer >> (bits - 8)));
        bits -= 8;
      }
    }
    return out.array();
  }

  private static String code(String code) {
    return Json.createObjectBuilder().add("code", code).build().toString();
  }

  private static String step(String code, boolean remember) {
    return Json.createObjectBuilder().add("code", code).add("remember_device", remember).build().toString();
  }
}
