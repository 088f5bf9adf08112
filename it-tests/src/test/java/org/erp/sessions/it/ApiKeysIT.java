package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** API keys (API.md §13): created once, stored as a hash, used without a session, revoked. */
class ApiKeysIT extends ApiTestBase {

  /** Creates a key for the signed-in client; returns the creation answer (with the key). */
  static JsonObject createKey(ApiClient owner, String name, Instant expiresAt) {
    String expiry = expiresAt == null ? "" : ",\"expires_at\":\"" + expiresAt + "\"";
    JsonObject created =
        owner.post("/api/me/api-keys", "{\"name\":" + ApiClient.quote(name) + expiry + "}").expect(201).json();
    UsedSecrets.record("api key", created.getString("key"));
    return created;
  }

  static Instant inDays(int days) {
    return Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS);
  }

  private static List<JsonObject> list(ApiClient client, String path) {
    return client.get(path).expect(200).jsonValue().asJsonArray().getValuesAs(JsonObject.class);
  }

  /** The key's entry in its owner's "My devices". */
  private static JsonObject keyDevice(ApiClient owner, String id) {
    return list(owner, "/api/session/devices").stream()
        .filter(d -> d.getString("id").equals(id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aKeyIsShownOnceAndAuthenticatesAnyCallWithoutASessionOrCsrfToken() {
    String login = createUser("keyed");
    ApiClient owner = new ApiClient();
    int uid = owner.signIn(login, PASSWORD).getInt("uid");
    Instant expiry = inDays(30);
    ApiClient.Response answer =
        owner.post("/api/me/api-keys", "{\"name\":\"backup script\",\"expires_at\":\"" + expiry + "\"}").expect(201);
    JsonObject created = answer.json();
    String key = created.getString("key");
    String id = created.getString("id");
    assertTrue(key.startsWith("erp_" + id + "_"), "the key carries its id as lookup prefix");
    assertEquals("backup script", created.getString("name"));
    assertEquals(expiry, Instant.parse(created.getString("expires_at")));
    assertTrue(answer.header("Location").orElseThrow().endsWith("/api/me/api-keys/" + id));

    List<JsonObject> listed = list(owner, "/api/me/api-keys");
    assertEquals(1, listed.size());
    assertEquals(id, listed.get(0).getString("id"));
    assertFalse(listed.get(0).containsKey("key"), "the key is never listed");
    assertFalse(owner.get("/api/me/api-keys").body().contains(key));
    JsonObject unused = keyDevice(owner, id);
    assertEquals(
        Instant.parse(unused.getString("created_at")),
        Instant.parse(unused.getString("last_activity_at")),
        "a key never used was last active when created");
    sleep(1100); // so that its use is later than its creation even in whole seconds

    ApiClient script = new ApiClient().withApiKey(key);
    ApiClient.Response info = script.get("/api/session").expect(200);
    assertEquals(uid, info.json().getInt("uid"));
    assertTrue(info.setCookies().isEmpty(), "no session is created: " + info.setCookies());
    script.patch("/api/me/preferences", "{\"tz\":\"UTC\"}").expect(200); // unsafe, no CSRF token
    assertEquals("UTC", owner.get("/api/session").expect(200).json().getJsonObject("context").getString("tz"));

    JsonObject device = keyDevice(owner, id);
    assertEquals("api_key", device.getString("kind"));
    assertEquals("backup script", device.getString("name"));
    assertTrue(
        Instant.parse(device.getString("last_activity_at"))
            .isAfter(Instant.parse(device.getString("created_at"))),
        "the key's use is recorded as its last activity: " + device);
    assertTrue(list(owner, "/api/session/devices").stream().anyMatch(d -> d.getString("kind").equals("session")));
  }

  @Test
  void aRevokedKeyAndAKeyThatIsNotOneAre401() {
    ApiClient owner = new ApiClient();
    owner.signIn(createUser("revoked-key"), PASSWORD);
    JsonObject created = createKey(owner, "ci", inDays(1));
    String key = created.getString("key");
    String id = created.getString("id");
    ApiClient script = new ApiClient().withApiKey(key);
    script.get("/api/session/check").expect(204);

    owner.delete("/api/me/api-keys/" + id).expect(204);
    assertEquals("not_authenticated", script.get("/api/session").expect(401).code());
    assertTrue(list(owner, "/api/me/api-keys").isEmpty());
    assertEquals("not_found", owner.delete("/api/me/api-keys/" + id).expect(404).code());

    String otherSecret = key.substring(0, key.length() - 4) + (key.endsWith("AAAA") ? "BBBB" : "AAAA");
    ApiClient live = new ApiClient().withApiKey(createKey(owner, "live", inDays(1)).getString("key"));
    live.get("/api/session/check").expect(204);
    String liveKey = createKey(owner, "another", inDays(1)).getString("key");
    String wrongSecret = liveKey.substring(0, liveKey.length() - 4) + (liveKey.endsWith("AAAA") ? "BBBB" : "AAAA");
    for (String notAKey : List.of("nonsense", otherSecret, wrongSecret, "erp_0000000000000000_" + "A".repeat(43))) {
      assertEquals("not_authenticated", new ApiClient().withApiKey(notAKey).get("/api/session").expect(401).code());
    }
    // With a Bearer header the cookie is not looked at.
    ApiClient both = new ApiClient();
    both.signIn(createUser("both"), PASSWORD);
    both.withApiKey("nonsense").get("/api/session").expect(401);
  }

  @Test
  void aKeyRevokedFromMyDevicesIsRevoked() {
    ApiClient owner = new ApiClient();
    owner.signIn(createUser("devices-key"), PASSWORD);
    JsonObject created = createKey(owner, "from devices", inDays(1));
    owner.delete("/api/session/devices/" + created.getString("id")).expect(204);
    new ApiClient().withApiKey(created.getString("key")).get("/api/session").expect(401);
    owner.get("/api/session").expect(200);
  }

  @Test
  void anExpiredKeyIs401() {
    ApiClient owner = new ApiClient();
    owner.signIn(createUser("expiring"), PASSWORD);
    Instant soon = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    ApiClient script = new ApiClient().withApiKey(createKey(owner, "short", soon).getString("key"));
    script.get("/api/session/check").expect(204);
    sleep(Math.max(0, Duration.between(Instant.now(), soon).toMillis()) + 500);
    assertEquals("not_authenticated", script.get("/api/session/check").expect(401).code());
    assertTrue(list(owner, "/api/me/api-keys").isEmpty());
  }

  @Test
  void keysOfUsersWhoAreNotAdministratorsMustExpireWithinTheMaximumLifetime() {
    ApiClient user = new ApiClient();
    user.signIn(createUser("limits"), PASSWORD);
    for (String body :
        List.of(
            "{\"name\":\"forever\"}",
            "{\"name\":\"too far\",\"expires_at\":\"" + inDays(91) + "\"}",
            "{\"name\":\"past\",\"expires_at\":\"" + Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS) + "\"}",
            "{\"name\":\"not a date\",\"expires_at\":\"tomorrow\"}",
            "{\"name\":\"  \",\"expires_at\":\"" + inDays(1) + "\"}",
            "{\"expires_at\":\"" + inDays(1) + "\"}",
            "{\"name\":\"" + "n".repeat(65) + "\",\"expires_at\":\"" + inDays(1) + "\"}")) {
      assertEquals("validation_failed", user.post("/api/me/api-keys", body).expect(400).code(), body);
    }
    assertTrue(list(user, "/api/me/api-keys").isEmpty());
    createKey(user, "at the limit", inDays(89));

    ApiClient admin = admin();
    JsonObject forever = createKey(admin, "admin forever " + uniqueLogin("k"), null);
    assertFalse(forever.containsKey("expires_at"));
    admin.delete("/api/me/api-keys/" + forever.getString("id")).expect(204);
  }

  @Test
  void aKeyCannotDoWhatNeedsAnIdentityCheck() {
    String login = createUser("no-identity");
    ApiClient owner = new ApiClient();
    owner.signIn(login, PASSWORD);
    ApiClient script = new ApiClient().withApiKey(createKey(owner, "limited", inDays(1)).getString("key"));
    assertEquals(
        "identity_check_required",
        script.post("/api/me/api-keys", "{\"name\":\"more\",\"expires_at\":\"" + inDays(1) + "\"}").expect(403).code());
    assertEquals(
        "identity_check_required",
        script.put("/api/me/password", "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"taken over\"}").expect(403).code());
    assertEquals(
        "identity_check_required",
        script.post("/api/session/identity", "{\"password\":\"" + PASSWORD + "\"}").expect(403).code());
    assertEquals("identity_check_required", script.delete("/api/session/devices").expect(403).code());
    owner.get("/api/session").expect(200);
    new ApiClient().signIn(login, PASSWORD);
  }

  @Test
  void administratorsListAndRevokeAnyUsersKeysAndOthersMayNot() {
    ApiClient owner = new ApiClient();
    int uid = owner.signIn(createUser("admin-revoked"), PASSWORD).getInt("uid");
    JsonObject created = createKey(owner, "audited", inDays(1));
    String id = created.getString("id");
    ApiClient script = new ApiClient().withApiKey(created.getString("key"));

    ApiClient admin = admin();
    List<JsonObject> listed = list(admin, "/api/admin/users/" + uid + "/api-keys");
    assertEquals(List.of(id), listed.stream().map(k -> k.getString("id")).toList());
    assertFalse(listed.get(0).containsKey("key"));
    assertEquals("not_found", admin.get("/api/admin/users/999999999/api-keys").expect(404).code());

    ApiClient other = new ApiClient();
    other.signIn(createUser("not-admin"), PASSWORD);
    assertEquals("forbidden", other.get("/api/admin/users/" + uid + "/api-keys").expect(403).code());
    assertEquals("forbidden", other.delete("/api/admin/api-keys/" + id).expect(403).code());
    assertEquals("forbidden", script.delete("/api/admin/api-keys/" + id).expect(403).code());
    assertEquals("not_found", other.delete("/api/me/api-keys/" + id).expect(404).code());
    script.get("/api/session/check").expect(204);

    admin.delete("/api/admin/api-keys/" + id).expect(204);
    script.get("/api/session").expect(401);
    assertEquals("not_found", admin.delete("/api/admin/api-keys/" + id).expect(404).code());
  }

  @Test
  void odooAuthenticateTakesAKeyForThePasswordAndItsSessionEndsWithTheKey() {
    String login = createUser("odoo-key");
    ApiClient owner = new ApiClient();
    owner.signIn(login, PASSWORD);
    JsonObject created = createKey(owner, "odoorpc", inDays(1));
    String key = created.getString("key");

    ApiClient odoo = new ApiClient();
    JsonObject answer = odoo.post("/web/session/authenticate", credentials(login, key)).expect(200).json();
    assertEquals(login, answer.getJsonObject("result").getString("username"));
    odoo.useCsrfToken(null);
    odoo.get("/api/session").expect(200);

    JsonObject otherLogin = new ApiClient().post("/web/session/authenticate", credentials("demo", key)).expect(200).json();
    assertTrue(otherLogin.containsKey("error"), "a key authenticates its own user only");

    owner.delete("/api/me/api-keys/" + created.getString("id")).expect(204);
    assertEquals("not_authenticated", odoo.get("/api/session").expect(401).code());
    JsonObject revoked = new ApiClient().post("/web/session/authenticate", credentials(login, key)).expect(200).json();
    assertTrue(revoked.containsKey("error"), "a revoked key no longer signs in");
  }

  private static String credentials(String login, String password) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"params\":{\"db\":\"erp\",\"login\":"
        + ApiClient.quote(login) + ",\"password\":" + ApiClient.quote(password) + "},\"id\":1}";
  }
}
