package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The identity check before sensitive actions (API.md §12), with a short window set for each
 * test: the sign-in counts as a check, an older one is refused until the password is given again.
 */
class IdentityCheckIT extends ServerPropertiesTestBase {

  private static final String WINDOW = "erp.identity-check.window";

  @Test
  void afterTheWindowSensitiveActionsAskForThePasswordAgainAndThenGoThrough() {
    String login = createUser("identity");
    properties.set(WINDOW, "PT3S");
    ApiClient client = new ApiClient();
    client.signIn(login, PASSWORD);
    sleep(3500);

    String change = "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"a brand new one\"}";
    assertEquals("identity_check_required", client.put("/api/me/password", change).expect(403).code());
    assertEquals("identity_check_required", client.delete("/api/session/devices").expect(403).code());
    new ApiClient().signIn(login, PASSWORD); // the refused change changed nothing

    assertEquals(
        "invalid_credentials",
        client.post("/api/session/identity", "{\"password\":\"not it\"}").expect(403).code());
    assertEquals("identity_check_required", client.delete("/api/session/devices").expect(403).code());

    client.post("/api/session/identity", "{\"password\":\"" + PASSWORD + "\"}").expect(204);
    client.delete("/api/session/devices").expect(204);
    client.put("/api/me/password", change).expect(204);
    new ApiClient().signIn(login, "a brand new one");
  }

  @Test
  void aFreshSignInIsACheckOfItsOwn() {
    String login = createUser("fresh");
    properties.set(WINDOW, "PT3S");
    ApiClient old = new ApiClient();
    old.signIn(login, PASSWORD);
    sleep(3500);
    assertEquals("identity_check_required", old.delete("/api/session/devices").expect(403).code());

    ApiClient fresh = new ApiClient();
    fresh.signIn(login, PASSWORD);
    fresh.delete("/api/session/devices").expect(204);
    assertEquals("not_authenticated", old.get("/api/session").expect(401).code());
  }

  @Test
  void wrongPasswordsAtTheCheckCountTowardsTheLoginCooldown() {
    String login = createUser("identity-guess");
    ApiClient thief = new ApiClient();
    thief.signIn(login, PASSWORD);
    properties.set("erp.login.cooldown-after", "3").set("erp.login.cooldown", "PT3S");
    sleep(3200); // failures of earlier tests from 127.0.0.1 age out of the 3 s cooldown
    for (int i = 0; i < 3; i++) {
      String guess = "{\"password\":\"guess " + i + "\"}";
      assertEquals("invalid_credentials", thief.post("/api/session/identity", guess).expect(403).code());
    }
    String right = "{\"password\":\"" + PASSWORD + "\"}";
    assertEquals("too_many_attempts", thief.post("/api/session/identity", right).expect(429).code());
  }

  @Test
  void aCodeIsRefusedForAUserWithoutTwoFactorAndTheBodyNeedsExactlyOneProof() {
    ApiClient client = new ApiClient();
    client.signIn(createUser("code"), PASSWORD);
    assertEquals(
        "invalid_code", client.post("/api/session/identity", "{\"code\":\"123456\"}").expect(422).code());
    assertEquals("validation_failed", client.post("/api/session/identity", "{}").expect(400).code());
    assertEquals(
        "validation_failed",
        client
            .post("/api/session/identity", "{\"password\":\"" + PASSWORD + "\",\"code\":\"123456\"}")
            .expect(400)
            .code());
    assertEquals(
        "not_authenticated",
        new ApiClient().post("/api/session/identity", "{\"password\":\"x\"}").expect(401).code());
  }
}
