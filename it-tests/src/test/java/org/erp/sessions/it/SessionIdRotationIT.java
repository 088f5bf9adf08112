package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Periodic session id rotation (API.md §1): with a short interval and grace set for each test,
 * the id is replaced on the next request after the interval (same CSRF token, device and custom
 * data), the replaced id keeps working during the grace (also for parallel requests at the very
 * moment of rotation, which all succeed), and never after.
 */
class SessionIdRotationIT extends ServerPropertiesTestBase {

  private static final String INTERVAL = "erp.session.rotation-interval";
  private static final String GRACE = "erp.session.rotation-grace";

  @Test
  void anIdOlderThanTheIntervalIsReplacedKeepingTheCsrfTokenTheDeviceAndTheData() {
    properties.set(INTERVAL, "PT2S").set(GRACE, "PT1M");
    ApiClient client = new ApiClient();
    String csrfToken = client.signIn(createUser("rotate"), PASSWORD).getString("csrf_token");
    String firstId = client.sessionId();
    client.put("/api/session/data/wizard.step", "{\"value\":3}").expect(204);
    String device = currentDevice(client);
    assertTrue(sessionCookies(client.get("/api/session").expect(200)).isEmpty(), "not yet due");

    sleep(2200);
    ApiClient.Response rotated = client.get("/api/session").expect(200);
    assertEquals(1, sessionCookies(rotated).size(), "one new session cookie");
    assertNotEquals(firstId, client.sessionId());
    assertEquals(csrfToken, rotated.json().getString("csrf_token"));
    assertEquals(3, client.get("/api/session/data/wizard.step").expect(200).json().getInt("value"));
    assertEquals(device, currentDevice(client));
    assertEquals(1, client.get("/api/session/devices").expect(200).jsonValue().asJsonArray().size());
    client.put("/api/session/data/wizard.step", "{\"value\":4}").expect(204);
  }

  @Test
  void theReplacedIdWorksDuringTheGraceAndIsGivenTheNewCookieThenIsDeadForGood() {
    properties.set(INTERVAL, "PT2S").set(GRACE, "PT3S");
    ApiClient client = new ApiClient();
    client.signIn(createUser("grace"), PASSWORD);
    String replacedId = client.sessionId();
    String newId = rotatedAfterTwoSeconds(client);
    assertNotEquals(replacedId, newId);

    ApiClient otherTab = sameBrowser(client, replacedId);
    ApiClient.Response within = otherTab.put("/api/session/data/tab", "{\"value\":\"other\"}");
    within.expect(204);
    assertEquals(List.of(newId), sessionCookies(within), "the other tab is given the new cookie");
    assertEquals("other", client.get("/api/session/data/tab").expect(200).json().getString("value"));

    sleep(3300); // past the grace
    ApiClient late = sameBrowser(client, replacedId);
    assertEquals("not_authenticated", late.get("/api/session").expect(401).code());
    assertEquals("not_authenticated", late.put("/api/session/data/tab", "{\"value\":1}").expect(401).code());
    client.get("/api/session").expect(200); // the session itself lives on
  }

  /**
   * A grace longer than the interval: the id is replaced twice while another tab still holds the
   * first cookie, which leads to the newest id, not to the one in between (gone too). Until the
   * replacements were followed to the end this answered 401, and the burst test below failed
   * now and then where its requests were slow enough for a second rotation (PostgreSQL in CI).
   */
  @Test
  void aCookieReplacedTwiceDuringItsGraceLeadsToTheNewestId() {
    properties.set(INTERVAL, "PT2S").set(GRACE, "PT1M");
    ApiClient client = new ApiClient();
    client.signIn(createUser("twice"), PASSWORD);
    String first = client.sessionId();
    String second = rotatedAfterTwoSeconds(client);
    String third = rotatedAfterTwoSeconds(client);
    assertEquals(3, Set.of(first, second, third).size(), "rotated twice");

    ApiClient.Response fromFirst =
        sameBrowser(client, first).put("/api/session/data/tab", "{\"value\":\"first\"}");
    fromFirst.expect(204);
    assertEquals(List.of(third), sessionCookies(fromFirst), "the tab is given the newest cookie");
    ApiClient.Response fromSecond = sameBrowser(client, second).get("/api/session/data/tab");
    assertEquals("first", fromSecond.expect(200).json().getString("value"));
    assertEquals(List.of(third), sessionCookies(fromSecond));
  }

  /**
   * Twenty requests with a cookie just due: one rotates, the others wait for it and follow. It
   * failed now and then until every request was counted before anything looked its session up
   * (Weld's request listener does, and the session object stays attached to the request even
   * once a rotation invalidated it: IllegalStateException, a 500). Five bursts per run.
   */
  @RepeatedTest(5)
  void parallelRequestsAtTheMomentOfRotationLoseNothing() throws Exception {
    properties.set(INTERVAL, "PT3S").set(GRACE, "PT1M");
    ApiClient client = new ApiClient();
    client.signIn(createUser("burst"), PASSWORD);
    String replacedId = client.sessionId();
    sleep(3200);

    int writers = 16;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers + 4);
    try {
      List<Future<ApiClient.Response>> answers = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String key = "k" + i;
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return sameBrowser(client, replacedId).put("/api/session/data/" + key, "{\"value\":1}");
                }));
      }
      for (int i = 0; i < 4; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return sameBrowser(client, replacedId).get("/api/session");
                }));
      }
      start.countDown();
      Set<String> newIds = new TreeSet<>();
      for (Future<ApiClient.Response> answer : answers) {
        ApiClient.Response response = answer.get();
        assertTrue(
            response.status() == 204 || response.status() == 200,
            () -> "answered " + response.status() + ": " + response.body());
        newIds.addAll(sessionCookies(response));
      }
      assertTrue(newIds.size() <= 1, "rotated at most once, every new cookie the same");
    } finally {
      pool.shutdownNow();
    }
    // Rotated by a request of the burst, or else by the first request alone with its session:
    // the server counts a burst request in flight until its exchange ends, which can be a moment
    // after its answer reached us, so the first request after the burst may not be alone yet.
    ApiClient after = sameBrowser(client, replacedId);
    Instant deadline = Instant.now().plusSeconds(5);
    do {
      after.get("/api/session").expect(200);
    } while (replacedId.equals(after.sessionId()) && Instant.now().isBefore(deadline));
    assertNotEquals(replacedId, after.sessionId());
    assertEquals(writers, after.get("/api/session/data").expect(200).json().size());
    sameBrowser(client, replacedId).put("/api/session/data/k0", "{\"value\":2}").expect(204);
    assertEquals(2, after.get("/api/session/data/k0").expect(200).json().getInt("value"));
  }

  /** Waits past an interval of 2 s and reads, which replaces the id: the client's id after. */
  private static String rotatedAfterTwoSeconds(ApiClient client) {
    sleep(2200);
    client.get("/api/session").expect(200);
    return client.sessionId();
  }

  /** Another tab (or a request in flight) of the same browser, still holding this cookie. */
  private static ApiClient sameBrowser(ApiClient client, String sessionId) {
    ApiClient tab = new ApiClient();
    tab.useSessionId(sessionId);
    tab.useCsrfToken(client.csrfToken());
    return tab;
  }

  private static List<String> sessionCookies(ApiClient.Response response) {
    return response.setCookies().stream()
        .filter(cookie -> cookie.startsWith(ApiClient.COOKIE + "="))
        .map(cookie -> cookie.substring(ApiClient.COOKIE.length() + 1).split(";", 2)[0])
        .toList();
  }

  private static String currentDevice(ApiClient client) {
    JsonArray devices = client.get("/api/session/devices").expect(200).jsonValue().asJsonArray();
    return devices.stream()
        .map(device -> device.asJsonObject())
        .filter(device -> device.getBoolean("current"))
        .findFirst()
        .orElseThrow()
        .getString("id");
  }
}
