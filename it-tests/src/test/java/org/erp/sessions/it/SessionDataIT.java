package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Custom session data (API.md §3): every JSON type, every limit, and refusals change nothing. */
class SessionDataIT extends ApiTestBase {

  private ApiClient client;

  @BeforeEach
  void signIn() {
    client = new ApiClient();
    client.signIn(createUser("data"), PASSWORD);
  }

  @Test
  void valuesOfEveryJsonTypeRoundTrip() {
    List<String> values =
        List.of(
            "{\"step\":2,\"filters\":{\"state\":[\"draft\",\"posted\"]}}",
            "[1,\"two\",3.5,null,true]",
            "\"plain text with ünïcödé\"",
            "42",
            "-0.125",
            "true",
            "false",
            "null");
    for (int i = 0; i < values.size(); i++) {
      client.put("/api/session/data/k" + i, "{\"value\":" + values.get(i) + "}").expect(204);
    }
    JsonObject all = client.get("/api/session/data").expect(200).json();
    assertEquals(values.size(), all.size());
    for (int i = 0; i < values.size(); i++) {
      JsonObject one = client.get("/api/session/data/k" + i).expect(200).json();
      assertEquals("k" + i, one.getString("key"));
      assertEquals(
          new ApiClient.Response(200, null, values.get(i)).jsonValue(), one.get("value"));
      assertEquals(one.get("value"), all.get("k" + i));
    }
  }

  @Test
  void aPutReplacesAndADeleteRemovesEvenWhenAbsent() {
    client.put("/api/session/data/wizard.step", "{\"value\":1}").expect(204);
    client.put("/api/session/data/wizard.step", "{\"value\":2}").expect(204);
    assertEquals(2, client.get("/api/session/data/wizard.step").json().getInt("value"));
    client.delete("/api/session/data/wizard.step").expect(204);
    assertEquals("no_such_key", client.get("/api/session/data/wizard.step").expect(404).code());
    client.delete("/api/session/data/wizard.step").expect(204);
  }

  @Test
  void deletingAllClearsEveryKey() {
    client.put("/api/session/data/a", "{\"value\":1}").expect(204);
    client.put("/api/session/data/b", "{\"value\":2}").expect(204);
    client.delete("/api/session/data").expect(204);
    assertEquals(0, client.get("/api/session/data").json().size());
  }

  @Test
  void invalidKeysAreRefused() {
    for (String key : List.of("with%20space", "x".repeat(65), "semi%3Bcolon", "%C3%A9t%C3%A9")) {
      assertEquals(
          "invalid_key", client.put("/api/session/data/" + key, "{\"value\":1}").expect(400).code());
      assertEquals("invalid_key", client.get("/api/session/data/" + key).expect(400).code());
    }
    client.put("/api/session/data/" + "x".repeat(64), "{\"value\":1}").expect(204);
  }

  @Test
  void keysThatNameASecretAreRefusedAndNothingIsStored() {
    for (String key :
        List.of("password", "userPassword", "PASSWD", "my_pwd", "client.secret", "csrfToken",
            "apikey", "API_KEY", "credit_card", "card_number", "cvv", "iban")) {
      assertEquals(
          "sensitive_key",
          client.put("/api/session/data/" + key, "{\"value\":\"x\"}").expect(422).code(),
          key);
    }
    assertEquals(0, client.get("/api/session/data").json().size());
  }

  @Test
  void aTooLargeValueIsRefusedAndTheOldValueStays() {
    client.put("/api/session/data/note", "{\"value\":\"old\"}").expect(204);
    // 4096 bytes of compact JSON is the limit: a string of 4094 characters plus its quotes.
    client.put("/api/session/data/note", "{\"value\":\"" + "a".repeat(4094) + "\"}").expect(204);
    client.put("/api/session/data/note", "{\"value\":\"old\"}").expect(204);
    String tooLarge = "{\"value\":\"" + "a".repeat(4095) + "\"}";
    assertEquals("value_too_large", client.put("/api/session/data/note", tooLarge).expect(413).code());
    assertEquals("old", client.get("/api/session/data/note").json().getString("value"));
  }

  @Test
  void theKeyCountLimitRefusesANewKeyButAllowsReplacingOne() {
    for (int i = 0; i < 32; i++) {
      client.put("/api/session/data/key" + i, "{\"value\":" + i + "}").expect(204);
    }
    assertEquals(
        "session_data_full", client.put("/api/session/data/one-more", "{\"value\":1}").expect(413).code());
    client.put("/api/session/data/key0", "{\"value\":\"replaced\"}").expect(204);
    JsonObject all = client.get("/api/session/data").json();
    assertEquals(32, all.size());
    assertEquals(false, all.containsKey("one-more"));
  }

  @Test
  void theTotalSizeLimitRefusesAWriteThatWouldPassIt() {
    String value = "\"" + "v".repeat(4000) + "\""; // 4002 bytes
    for (int i = 0; i < 4; i++) {
      client.put("/api/session/data/big" + i, "{\"value\":" + value + "}").expect(204);
    }
    // 16008 bytes stored; 400 more would pass 16384.
    assertEquals(
        "session_data_full",
        client.put("/api/session/data/small", "{\"value\":\"" + "s".repeat(398) + "\"}").expect(413).code());
    client.put("/api/session/data/small", "{\"value\":\"" + "s".repeat(300) + "\"}").expect(204);
    assertEquals(5, client.get("/api/session/data").json().size());
  }

  @Test
  void aMalformedOrIncompleteWriteIsRefused() {
    assertEquals("malformed_json", client.put("/api/session/data/k", "{\"value\":").expect(400).code());
    assertEquals("validation_failed", client.put("/api/session/data/k", "{}").expect(400).code());
    assertEquals("validation_failed", client.put("/api/session/data/k", "{\"value\":1,\"x\":2}").expect(400).code());
    assertEquals(
        "unsupported_media_type",
        client.send("PUT", "/api/session/data/k", "{\"value\":1}", "text/plain").expect(415).code());
    assertEquals("no_such_key", client.get("/api/session/data/k").expect(404).code());
  }

  @Test
  void dataIsGoneAfterLogoutAndNotSharedWithAnotherSessionOfTheSameUser() {
    String login = createUser("data2");
    ApiClient first = new ApiClient();
    first.signIn(login, PASSWORD);
    first.put("/api/session/data/filter", "{\"value\":\"mine\"}").expect(204);
    ApiClient second = new ApiClient();
    second.signIn(login, PASSWORD);
    assertEquals(0, second.get("/api/session/data").json().size());
    first.delete("/api/session").expect(204);
    first.signIn(login, PASSWORD);
    assertEquals(0, first.get("/api/session/data").json().size());
  }

  @Test
  void writesWithoutTheCsrfTokenAreRefusedAndChangeNothing() {
    client.put("/api/session/data/k", "{\"value\":1}").expect(204);
    String token = client.csrfToken();
    client.useCsrfToken(null);
    assertEquals("csrf_failed", client.put("/api/session/data/k", "{\"value\":2}").expect(403).code());
    assertEquals("csrf_failed", client.delete("/api/session/data/k").expect(403).code());
    assertEquals("csrf_failed", client.delete("/api/session/data").expect(403).code());
    client.useCsrfToken("wrong" + token);
    assertEquals("csrf_failed", client.put("/api/session/data/k", "{\"value\":2}").expect(403).code());
    client.useCsrfToken(token);
    assertEquals(1, client.get("/api/session/data/k").json().getInt("value"));
  }
}
