package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Every security event leaves one line in the audit log ({@code org.erp.sessions.audit}) that
 * names the acting uid and session by salted hash only. The server runs with a known salt
 * ({@code erp.log.session-salt} in arquillian.xml), so the test can compute the names.
 */
class AuditLogIT extends ServerPropertiesTestBase {

  private static final Path LOG = ServerAuditLog.LOG;

  @Test
  void userAdministrationIsAudited() {
    ApiClient admin = admin();
    String adminSession = name(admin.sessionId());
    String login = createUser("audited");
    int uid = uidOf(login);
    admin.patch("/api/admin/users/" + uid, "{\"name\":\"Renamed\"}").expect(200);
    admin.patch("/api/admin/users/" + uid, "{\"active\":false}").expect(200);
    admin.delete("/api/admin/users/" + uid + "/sessions").expect(204);
    awaitLine(l -> l.contains("User uid " + uid + " created by administrator uid 2 in session s:"));
    awaitLine(l -> l.contains("User uid " + uid + " changed (name) by administrator uid 2 in session " + adminSession));
    awaitLine(l -> l.contains("User uid " + uid + " deactivated (every session ended) (active) by administrator uid 2 in session " + adminSession));
    awaitLine(l -> l.contains("Every session of uid " + uid + " ended by administrator uid 2 in session " + adminSession));
  }

  @Test
  void passwordChangesAndRevocationsAreAudited() {
    String login = createUser("revoker");
    int uid = uidOf(login);
    ApiClient laptop = new ApiClient();
    laptop.signIn(login, PASSWORD);
    ApiClient phone = new ApiClient();
    phone.signIn(login, PASSWORD);
    String phoneDevice = currentDevice(phone);
    laptop.delete("/api/session/devices/" + phoneDevice).expect(204);
    awaitLine(l -> l.contains("Session " + deviceName(phoneDevice) + " revoked by uid " + uid + " in session " + name(laptop.sessionId())));
    laptop.delete("/api/session/devices").expect(204);
    awaitLine(l -> l.contains("Every other session of uid " + uid + " revoked by the user in session " + name(laptop.sessionId())));

    ApiClient admin = admin();
    ApiClient desk = new ApiClient();
    desk.signIn(login, PASSWORD);
    String deskDevice = currentDevice(desk);
    admin.delete("/api/admin/sessions/" + deskDevice).expect(204);
    awaitLine(l -> l.contains("Session " + deviceName(deskDevice) + " revoked by uid 2 in session " + name(admin.sessionId())));

    laptop.put("/api/me/password", "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"another password\"}").expect(204);
    awaitLine(l -> l.contains("Password changed: uid " + uid + " in session " + name(laptop.sessionId())));
  }

  @Test
  void aLogoutClosesTheDeviceAsALogoutAndAnExpiryInTheContainerIsAudited() {
    String login = createUser("leaving");
    int uid = uidOf(login);
    ApiClient client = new ApiClient();
    client.signIn(login, PASSWORD);
    String session = name(client.sessionId());
    String device = currentDevice(client);
    client.delete("/api/session").expect(204);
    awaitLine(l -> l.contains("Session " + session + " ended: device " + deviceName(device) + " of uid " + uid + " closed as logout"));
    assertFalse(lines().stream().anyMatch(l -> l.contains(deviceName(device) + " of uid " + uid + " closed as expired")));

    properties.set("erp.session.idle-timeout", "PT2S");
    ApiClient idle = new ApiClient();
    idle.signIn(login, PASSWORD);
    String idleSession = name(idle.sessionId());
    // Nobody comes back: the container's expiry ends it, with no request.
    awaitLine(l -> l.contains("Session " + idleSession + " ended in the container: device ") && l.contains(" closed as expired"));
  }

  @Test
  void theSessionLimitIsAudited() {
    String login = createUser("limited");
    int uid = uidOf(login);
    properties.set("erp.session.max-per-user", "1").set("erp.session.limit-policy", "evict-oldest");
    new ApiClient().signIn(login, PASSWORD);
    ApiClient newest = new ApiClient();
    newest.signIn(login, PASSWORD);
    awaitLine(l -> l.contains("Session limit: 1 older session(s) of uid " + uid + " ended (revoked by the limit) for session " + name(newest.sessionId())));
  }

  @Test
  void apiKeysAreAuditedByTheirHashedIdNeverTheKey() {
    String login = createUser("key-audit");
    int uid = uidOf(login);
    ApiClient owner = new ApiClient();
    owner.signIn(login, PASSWORD);
    JsonObject created = ApiKeysIT.createKey(owner, "audited", ApiKeysIT.inDays(1));
    String keyName = deviceName(created.getString("id"));
    awaitLine(l -> l.contains("API key " + keyName + " created by uid " + uid + " in session " + name(owner.sessionId())));
    new ApiClient().withApiKey(created.getString("key")).get("/api/session/check").expect(204);
    awaitLine(l -> l.contains("API key " + keyName + " of uid " + uid + " used from "));
    owner.delete("/api/me/api-keys/" + created.getString("id")).expect(204);
    awaitLine(l -> l.contains("API key " + keyName + " of uid " + uid + " revoked by uid " + uid));
    new ApiClient().withApiKey(created.getString("key")).get("/api/session/check").expect(401);
    awaitLine(l -> l.contains("API key refused from "));
  }

  private static int uidOf(String login) {
    ApiClient user = new ApiClient();
    int uid = user.signIn(login, PASSWORD).getInt("uid");
    user.delete("/api/session").expect(204);
    return uid;
  }

  private static String currentDevice(ApiClient client) {
    return client.get("/api/session/devices").expect(200).jsonValue().asJsonArray()
        .getValuesAs(JsonObject.class).stream()
        .filter(device -> device.getBoolean("current", false))
        .findFirst()
        .orElseThrow()
        .getString("id");
  }

  private static String name(String cookieValue) {
    return ServerAuditLog.sessionName(cookieValue);
  }

  private static String deviceName(String deviceId) {
    return ServerAuditLog.deviceName(deviceId);
  }

  private static List<String> lines() {
    return ServerAuditLog.lines();
  }

  /** The line may be written a moment after the answer (the container's expiry: seconds). */
  private static void awaitLine(Predicate<String> wanted) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (lines().stream().anyMatch(wanted)) {
        return;
      }
      sleep(200);
    }
    throw new AssertionError("No such audit line in " + LOG + "; audit lines:\n" + String.join("\n", lines()));
  }
}
