package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Password change (API.md §5): a new id for this session, the end of every other one. */
class PasswordIT extends ApiTestBase {

  @Test
  void aPasswordChangeEndsOtherSessionsAndMovesThisOneToANewId() {
    String login = createUser("password");
    ApiClient current = new ApiClient();
    current.signIn(login, PASSWORD);
    ApiClient other = new ApiClient();
    other.signIn(login, PASSWORD);
    String oldId = current.sessionId();
    String oldCsrfToken = current.csrfToken();

    current.put("/api/me/password", "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"a brand new one\"}").expect(204);
    assertNotEquals(oldId, current.sessionId(), "new session id");
    assertNotEquals(oldCsrfToken, current.csrfToken(), "new CSRF token");
    assertEquals(current.csrfToken(), current.get("/api/session").expect(200).json().getString("csrf_token"));
    ApiClient oldToken = new ApiClient();
    oldToken.useSessionId(current.sessionId());
    oldToken.useCsrfToken(oldCsrfToken);
    assertEquals("csrf_failed", oldToken.patch("/api/me/preferences", "{\"tz\":\"UTC\"}").expect(403).code());
    current.patch("/api/me/preferences", "{\"tz\":\"UTC\"}").expect(200);
    assertEquals("not_authenticated", other.get("/api/session").expect(401).code());
    ApiClient stale = new ApiClient();
    stale.useSessionId(oldId);
    stale.get("/api/session/check").expect(401);

    new ApiClient().login(login, PASSWORD).expect(401);
    new ApiClient().signIn(login, "a brand new one");
  }

  @Test
  void aWrongCurrentPasswordOrAWeakNewOneChangesNothing() {
    String login = createUser("weak");
    ApiClient client = new ApiClient();
    client.signIn(login, PASSWORD);
    assertEquals(
        "invalid_credentials",
        client.put("/api/me/password", "{\"current_password\":\"wrong\",\"new_password\":\"a brand new one\"}").expect(403).code());
    assertEquals(
        "weak_password",
        client.put("/api/me/password", "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"short\"}").expect(400).code());
    assertEquals(
        "weak_password",
        client.put("/api/me/password", "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"" + login + "\"}").expect(400).code());
    client.get("/api/session").expect(200);
    new ApiClient().signIn(login, PASSWORD);
  }
}
