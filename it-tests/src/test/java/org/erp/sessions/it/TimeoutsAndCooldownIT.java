package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Server-side deadlines and the login cooldown, with short values set for the duration of each
 * test through the management API (they apply to sessions and attempts made after the change).
 */
class TimeoutsAndCooldownIT extends ServerPropertiesTestBase {

  @Test
  void anIdleSessionExpiresOnTheServerAndPollingTheCheckDoesNotKeepItAlive() {
    properties.set("erp.session.idle-timeout", "PT3S");
    ApiClient client = new ApiClient();
    client.signIn("demo", "demo");
    sleep(1500);
    client.get("/api/session").expect(200); // activity: the idle deadline moves
    sleep(2000);
    client.get("/api/session/check").expect(204); // still within 3 s of the last activity
    sleep(1500);
    // 3.5 s since the last activity, though /check was polled in between.
    assertEquals("not_authenticated", client.get("/api/session/check").expect(401).code());
  }

  @Test
  void activityNeverExtendsTheAbsoluteDeadline() {
    properties.set("erp.session.absolute-timeout", "PT4S");
    ApiClient client = new ApiClient();
    client.signIn("demo", "demo");
    for (int i = 0; i < 3; i++) {
      sleep(1000);
      client.get("/api/session").expect(200);
    }
    sleep(1500);
    assertEquals("not_authenticated", client.get("/api/session").expect(401).code());
  }

  @Test
  void afterTooManyFailuresForOneLoginEvenTheRightPasswordWaitsForTheCooldown() {
    String login = createUser("cooldown");
    properties.set("erp.login.cooldown-after", "5").set("erp.login.cooldown", "PT3S");
    for (int i = 0; i < 5; i++) {
      assertEquals("invalid_credentials", new ApiClient().login(login, "wrong").expect(401).code());
    }
    ApiClient.Response refused = new ApiClient().login(login, PASSWORD).expect(429);
    assertEquals("too_many_attempts", refused.code());
    long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 3, "Retry-After " + retryAfter);

    sleep(retryAfter * 1000 + 200);
    new ApiClient().signIn(login, PASSWORD);
  }

  @Test
  void aRightPasswordClearsTheLoginsFailuresAtTheAddressAndGivesItsAttemptBackToTheAddress() {
    String login = createUser("forgiven");
    properties
        .set("erp.login.cooldown-after", "3")
        .set("erp.login.address-cooldown-after", "4")
        .set("erp.login.cooldown", "PT3S");
    sleep(3200); // failures of earlier tests from 127.0.0.1 age out of the 3 s cooldown
    new ApiClient().login(login, "wrong").expect(401);
    new ApiClient().login(login, "wrong").expect(401);
    new ApiClient().signIn(login, PASSWORD);
    new ApiClient().login(login, "wrong").expect(401);
    // Five attempts in all: without the reset the login at this address would count 4 (≥ 3),
    // without the attempt given back the address would count 4 (≥ 4); either answers 429.
    new ApiClient().signIn(login, PASSWORD);
  }

  @Test
  void failuresFromOneAddressCountAcrossLogins() {
    properties.set("erp.login.address-cooldown-after", "3").set("erp.login.cooldown", "PT2S");
    sleep(2200); // failures of earlier tests from 127.0.0.1 age out of the 2 s cooldown
    for (int i = 0; i < 3; i++) {
      new ApiClient().login(uniqueLogin("ghost"), "wrong").expect(401);
    }
    assertEquals("too_many_attempts", new ApiClient().login("demo", "demo").expect(429).code());
    sleep(2200);
    new ApiClient().signIn("demo", "demo");
  }

  @Test
  void wrongCurrentPasswordsCountTowardsTheCooldownSoAStolenSessionCannotGuess() {
    String login = createUser("guess");
    ApiClient thief = new ApiClient();
    thief.signIn(login, PASSWORD);
    properties.set("erp.login.cooldown-after", "3").set("erp.login.cooldown", "PT3S");
    sleep(3200); // failures of earlier tests from 127.0.0.1 age out of the 3 s cooldown
    for (int i = 0; i < 3; i++) {
      String guess = "{\"current_password\":\"guess " + i + "\",\"new_password\":\"taken over\"}";
      assertEquals("invalid_credentials", thief.put("/api/me/password", guess).expect(403).code());
    }
    String right = "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"taken over\"}";
    ApiClient.Response refused = thief.put("/api/me/password", right).expect(429);
    assertEquals("too_many_attempts", refused.code());
    assertTrue(refused.header("Retry-After").isPresent());
    assertEquals("too_many_attempts", new ApiClient().login(login, PASSWORD).expect(429).code());

    sleep(3200);
    thief.put("/api/me/password", right).expect(204);
  }
}
