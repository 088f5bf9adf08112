package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Devices (API.md §4), their administration (§6) and the concurrent-session limit (§10). */
class DevicesIT extends ApiTestBase {

  static final String CHROME_LINUX =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";
  static final String FIREFOX_WINDOWS =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0";

  @ArquillianResource private ManagementClient management;
  private ServerProperties properties;
  private String login;

  @BeforeEach
  void user() {
    properties = new ServerProperties(management);
    login = createUser("devices");
  }

  @AfterEach
  void restore() {
    properties.restore();
  }

  private ApiClient signedIn(String userAgent) {
    ApiClient client = new ApiClient().as(userAgent);
    client.signIn(login, PASSWORD);
    return client;
  }

  private static JsonArray devices(ApiClient client) {
    return client.get("/api/session/devices").expect(200).jsonValue().asJsonArray();
  }

  private static String currentDeviceId(ApiClient client) {
    return devices(client).getValuesAs(JsonObject.class).stream()
        .filter(device -> device.getBoolean("current"))
        .findFirst()
        .orElseThrow()
        .getString("id");
  }

  @Test
  void theListShowsEverySessionOfTheUserWithTheCurrentOneMarked() {
    ApiClient laptop = signedIn(CHROME_LINUX);
    ApiClient desktop = signedIn(FIREFOX_WINDOWS);

    List<JsonObject> seen = devices(laptop).getValuesAs(JsonObject.class);
    assertEquals(2, seen.size());
    JsonObject mine = seen.stream().filter(d -> d.getBoolean("current")).findFirst().orElseThrow();
    JsonObject other = seen.stream().filter(d -> !d.getBoolean("current")).findFirst().orElseThrow();
    assertEquals("Chrome", mine.getString("browser"));
    assertEquals("Linux", mine.getString("platform"));
    assertEquals(CHROME_LINUX, mine.getString("user_agent"));
    assertEquals("127.0.0.1", mine.getString("ip_address"));
    assertEquals("Firefox", other.getString("browser"));
    assertEquals("Windows", other.getString("platform"));
    for (JsonObject device : seen) {
      assertTrue(device.getString("created_at").endsWith("Z"));
      assertTrue(device.getString("last_activity_at").endsWith("Z"));
      assertFalse(laptop.sessionId().contains(device.getString("id")), "a handle, not the id");
      assertFalse(desktop.sessionId().contains(device.getString("id")), "a handle, not the id");
    }
    assertEquals(mine.getString("id"), currentDeviceId(laptop));
    assertNotEquals(mine.getString("id"), currentDeviceId(desktop));
  }

  @Test
  void revokingADeviceEndsThatSessionAtItsNextRequest() {
    ApiClient laptop = signedIn(CHROME_LINUX);
    ApiClient phone = signedIn(FIREFOX_WINDOWS);
    String phoneDevice = currentDeviceId(phone);

    laptop.delete("/api/session/devices/" + phoneDevice).expect(204);
    assertEquals("not_authenticated", phone.get("/api/session").expect(401).code());
    assertEquals(1, devices(laptop).size());
    assertEquals("not_found", laptop.delete("/api/session/devices/" + phoneDevice).expect(404).code());
  }

  @Test
  void aUserCanNeitherSeeNorRevokeAnotherUsersDevices() {
    ApiClient mine = signedIn(CHROME_LINUX);
    ApiClient stranger = new ApiClient();
    stranger.signIn(createUser("stranger"), PASSWORD);
    String strangersDevice = currentDeviceId(stranger);

    assertEquals(1, devices(mine).size());
    assertEquals("not_found", mine.delete("/api/session/devices/" + strangersDevice).expect(404).code());
    assertEquals("not_found", mine.delete("/api/session/devices/no-such-device").expect(404).code());
    stranger.get("/api/session/check").expect(204);
  }

  @Test
  void revokingTheCurrentDeviceSignsOut() {
    ApiClient laptop = signedIn(CHROME_LINUX);
    ApiClient.Response answer = laptop.delete("/api/session/devices/" + currentDeviceId(laptop)).expect(204);
    assertTrue(answer.setCookies().stream().anyMatch(c -> c.contains("Max-Age=0")));
    assertNull(laptop.sessionId());
  }

  @Test
  void signingOutOfAllOtherDevicesKeepsOnlyThisOne() {
    ApiClient one = signedIn(CHROME_LINUX);
    ApiClient two = signedIn(FIREFOX_WINDOWS);
    ApiClient three = signedIn(CHROME_LINUX);
    one.delete("/api/session/devices").expect(204);
    two.get("/api/session/check").expect(401);
    three.get("/api/session/check").expect(401);
    one.get("/api/session/check").expect(204);
    assertEquals(1, devices(one).size());
  }

  @Test
  void endedSessionsLeaveTheList() {
    ApiClient stays = signedIn(CHROME_LINUX);
    ApiClient leaves = signedIn(FIREFOX_WINDOWS);
    leaves.delete("/api/session").expect(204);
    assertEquals(1, devices(stays).size());
  }

  @Test
  void aPasswordChangeEndsTheOtherDevicesInTheList() {
    ApiClient current = signedIn(CHROME_LINUX);
    signedIn(FIREFOX_WINDOWS);
    current.put("/api/me/password", "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"another good one\"}").expect(204);
    JsonArray left = devices(current);
    assertEquals(1, left.size());
    assertTrue(left.getJsonObject(0).getBoolean("current"));
  }

  @Test
  void administratorsListAndEndAnyUsersSessions() {
    ApiClient admin = admin();
    ApiClient laptop = signedIn(CHROME_LINUX);
    ApiClient phone = signedIn(FIREFOX_WINDOWS);
    int uid = laptop.get("/api/session").json().getInt("uid");

    JsonArray listed = admin.get("/api/admin/users/" + uid + "/sessions").expect(200).jsonValue().asJsonArray();
    assertEquals(2, listed.size());
    assertFalse(listed.getJsonObject(0).containsKey("current"));

    admin.delete("/api/admin/sessions/" + currentDeviceId(phone)).expect(204);
    phone.get("/api/session/check").expect(401);
    laptop.get("/api/session/check").expect(204);
    assertEquals("not_found", admin.delete("/api/admin/sessions/unknown-handle").expect(404).code());

    admin.delete("/api/admin/users/" + uid + "/sessions").expect(204);
    laptop.get("/api/session/check").expect(401);
    assertEquals(0, admin.get("/api/admin/users/" + uid + "/sessions").jsonValue().asJsonArray().size());
    assertEquals("not_found", admin.get("/api/admin/users/999999/sessions").expect(404).code());
    assertEquals("not_found", admin.delete("/api/admin/users/999999/sessions").expect(404).code());
    new ApiClient().signIn(login, PASSWORD);
  }

  @Test
  void nonAdministratorsCannotManageSessions() {
    ApiClient demo = new ApiClient();
    demo.signIn("demo", "demo");
    assertEquals("forbidden", demo.get("/api/admin/users/2/sessions").expect(403).code());
    assertEquals("forbidden", demo.delete("/api/admin/users/2/sessions").expect(403).code());
    assertEquals("forbidden", demo.delete("/api/admin/sessions/x").expect(403).code());
  }

  @Test
  void theDenyPolicyRefusesASessionOverTheLimit() {
    properties.set("erp.session.max-per-user", "2").set("erp.session.limit-policy", "deny");
    ApiClient one = signedIn(CHROME_LINUX);
    signedIn(FIREFOX_WINDOWS);
    assertEquals("session_limit_reached", new ApiClient().login(login, PASSWORD).expect(409).code());
    one.delete("/api/session").expect(204);
    signedIn(CHROME_LINUX);
  }

  @Test
  void theEvictOldestPolicyEndsTheLeastRecentlyActiveSession() {
    properties
        .set("erp.session.max-per-user", "2")
        .set("erp.session.limit-policy", "evict-oldest")
        .set("erp.device.activity-resolution", "PT1S");
    ApiClient first = signedIn(CHROME_LINUX);
    ApiClient second = signedIn(FIREFOX_WINDOWS);
    sleep(1200);
    first.get("/api/session").expect(200); // now the second is the least recently active
    ApiClient third = signedIn(CHROME_LINUX);
    assertEquals("not_authenticated", second.get("/api/session").expect(401).code());
    first.get("/api/session/check").expect(204);
    third.get("/api/session/check").expect(204);
  }

  /**
   * The node that records a device's activity remembers it: the requests after it, within the
   * resolution, find it recent and write nothing (SessionValidity#activityRecorded). Without that,
   * every request after the first due one ran a transaction of its own.
   */
  @Test
  void aSessionRecordsItsActivityOncePerResolutionNotOncePerRequest() {
    properties.set("erp.device.activity-resolution", "PT5S");
    ApiClient client = signedIn(CHROME_LINUX);
    sleep(5_500); // the activity recorded at sign-in is due now (the setting is read within 1 s)
    double before = activityWrites();
    for (int i = 0; i < 10; i++) {
      client.get("/api/session").expect(200); // ten requests, well within the next 5 s
    }
    assertEquals(1.0, activityWrites() - before);
  }

  /** erp_device_activity_writes_total from the server's /metrics (0 before the first). */
  private double activityWrites() {
    String url =
        "http://" + management.getMgmtAddress() + ":" + management.getMgmtPort() + "/metrics";
    try {
      HttpResponse<String> scrape =
          HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(URI.create(url)).build(), BodyHandlers.ofString());
      assertEquals(200, scrape.statusCode());
      return scrape
          .body()
          .lines()
          .filter(line -> line.startsWith("erp_device_activity_writes_total"))
          .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
