package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The login cooldown under concurrency and across addresses, and the bound on password work per
 * node. Short thresholds are set per test through the management API.
 */
class LoginThrottleIT extends ServerPropertiesTestBase {

  @Test
  void fiftyConcurrentWrongPasswordsAreVerifiedAtMostFiveTimes() {
    String login = createUser("burst");
    properties.set("erp.login.cooldown-after", "5").set("erp.login.cooldown", "PT60S");
    Map<Integer, Long> statuses =
        concurrently(50, i -> new ApiClient().login(login, "wrong " + i).status());
    assertTrue(statuses.getOrDefault(401, 0L) <= 5, "at most 5 verified: " + statuses);
    assertEquals(50, statuses.getOrDefault(401, 0L) + statuses.getOrDefault(429, 0L), statuses.toString());
    assertEquals("too_many_attempts", new ApiClient().login(login, PASSWORD).expect(429).code());
  }

  @Test
  void fiftyConcurrentWrongCurrentPasswordsAreVerifiedAtMostFiveTimes() {
    String login = createUser("thief");
    ApiClient thief = new ApiClient();
    thief.signIn(login, PASSWORD);
    properties.set("erp.login.cooldown-after", "5").set("erp.login.cooldown", "PT60S");
    Map<Integer, Long> statuses =
        concurrently(
            50,
            i -> {
              ApiClient copy = new ApiClient();
              copy.useSessionId(thief.sessionId());
              copy.useCsrfToken(thief.csrfToken());
              return copy.put(
                      "/api/me/password",
                      "{\"current_password\":\"guess " + i + "\",\"new_password\":\"taken over\"}")
                  .status();
            });
    assertTrue(statuses.getOrDefault(403, 0L) <= 5, "at most 5 verified: " + statuses);
    assertEquals(50, statuses.getOrDefault(403, 0L) + statuses.getOrDefault(429, 0L), statuses.toString());
  }

  @Test
  void wrongPasswordsFromOneAddressDoNotLockTheOwnerOutFromAnother() {
    String login = createUser("owner");
    properties.set("erp.login.cooldown-after", "5").set("erp.login.cooldown", "PT60S");
    FromAddress attacker = new FromAddress("127.0.0.2");
    for (int i = 0; i < 5; i++) {
      assertEquals(401, attacker.login(login, "wrong " + i).status());
    }
    FromAddress.Answer refused = attacker.login(login, PASSWORD);
    assertEquals(429, refused.status(), "even the right password, from the guessing address");
    assertTrue(refused.retryAfter().isPresent());
    new ApiClient().signIn(login, PASSWORD); // the owner, from 127.0.0.1
  }

  @Test
  void failuresOfALoginFromManyAddressesOnlySlowItDown() {
    String login = createUser("spread");
    properties
        .set("erp.login.cooldown-after", "5")
        .set("erp.login.cooldown", "PT60S")
        .set("erp.login.slowdown-after", "3")
        .set("erp.login.slowdown-pause", "PT2S");
    for (int host = 11; host <= 13; host++) {
      assertEquals(401, new FromAddress("127.0.0." + host).login(login, "wrong").status());
    }
    FromAddress.Answer slowed = new FromAddress("127.0.0.14").login(login, "wrong");
    assertEquals(429, slowed.status(), "a fourth address within the pause");
    long retryAfter = Long.parseLong(slowed.retryAfter().orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 2, "a pause, not the cooldown: " + retryAfter);
    sleep(2100);
    new ApiClient().signIn(login, PASSWORD); // one attempt per pause: the owner's
  }

  /**
   * Concurrent first attempts of a login from a new address all need the same new counter rows:
   * each is added once, without a duplicate-key failure for the others (Hibernate would log it as
   * an ERROR, though the logins succeed).
   */
  @Test
  void concurrentFirstLoginsAddTheirCounterRowsWithoutAnErrorInTheLog() throws IOException {
    String login = createUser("first");
    Path log = Path.of(System.getProperty("erp.server-logs"), "single", "server.log");
    long logged = Files.size(log);
    Map<Integer, Long> statuses =
        concurrently(20, i -> new FromAddress("127.0.0.77").login(login, PASSWORD).status());
    // A login may find no hashing turn free (503): its attempt is given back, not refused.
    assertEquals(
        20, statuses.getOrDefault(200, 0L) + statuses.getOrDefault(503, 0L), statuses.toString());
    assertTrue(statuses.getOrDefault(200, 0L) > 0, statuses.toString());
    byte[] all = Files.readAllBytes(log);
    String since =
        new String(all, (int) logged, all.length - (int) logged, StandardCharsets.UTF_8);
    assertFalse(
        since.contains("SqlExceptionHelper") || since.contains(" ERROR "),
        "the server logged a failure for concurrent first attempts:\n" + since);
  }

  @Test
  void twoHundredConcurrentLoginsOnTheJavaArgon2DoNotExhaustTheHeap() throws IOException {
    String login = createUser("crowd");
    // The Java Argon2id keeps its 19 MiB on the heap (the server runs with -Xmx512m); the
    // node's default turns (twice the cores) are what bound it.
    properties.set("erp.password.argon2.native", "false");
    Map<Integer, Long> statuses =
        concurrently(200, i -> new ApiClient().login(login, PASSWORD).status());
    assertEquals(
        200, statuses.getOrDefault(200, 0L) + statuses.getOrDefault(503, 0L), statuses.toString());
    assertTrue(statuses.getOrDefault(200, 0L) > 0, statuses.toString());
    new ApiClient().get("/api/health").expect(200);
    new ApiClient().signIn(login, PASSWORD);
    Path log = Path.of(System.getProperty("erp.server-logs"), "single", "server.log");
    assertFalse(
        Files.readString(log).contains("OutOfMemoryError"), "the server log names an OutOfMemoryError");
  }

  @Test
  void loginsBeyondTheNodesHashingTurnsAreTurnedAwayWith503AndRetryAfter() {
    String login = createUser("queue");
    // One turn and no wait: whichever login arrives while another is hashing is turned away,
    // however many cores and however fast the machine running the test.
    properties.set("erp.password.max-concurrent", "1").set("erp.password.turn-wait", "PT0S");
    List<ApiClient.Response> answers = new ArrayList<>();
    Map<Integer, Long> statuses =
        concurrently(
            50,
            i -> {
              ApiClient.Response answer = new ApiClient().login(login, PASSWORD);
              synchronized (answers) {
                answers.add(answer);
              }
              return answer.status();
            });
    assertEquals(
        50, statuses.getOrDefault(200, 0L) + statuses.getOrDefault(503, 0L), statuses.toString());
    assertTrue(statuses.getOrDefault(503, 0L) > 0, "more than one turn's logins at once: " + statuses);
    assertTrue(statuses.getOrDefault(200, 0L) > 0, statuses.toString());
    for (ApiClient.Response answer : answers) {
      if (answer.status() == 503) {
        assertEquals("service_unavailable", answer.code());
        assertEquals("1", answer.header("Retry-After").orElseThrow());
      }
    }
    properties.restore();
    // The attempts turned away were given back: the owner is not cooled down.
    new ApiClient().signIn(login, PASSWORD);
  }

  /** Runs the calls at once (all released together) and counts the statuses. */
  static Map<Integer, Long> concurrently(int count, IntFunction<Integer> call) {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return call.apply(index);
                }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> future : futures) {
        statuses.add(future.get());
      }
      return statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
  }
}
