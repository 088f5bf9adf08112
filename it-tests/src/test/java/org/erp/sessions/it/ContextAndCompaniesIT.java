package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request context, company switching and stored preferences (API.md §2). */
class ContextAndCompaniesIT extends ApiTestBase {

  private String login;
  private ApiClient client;

  @BeforeEach
  void signIn() {
    login = createUser("context");
    client = new ApiClient();
    client.signIn(login, PASSWORD);
  }

  @Test
  void theContextComesFromTheStoredPreferencesAndTheActiveCompanies() {
    JsonObject context = client.get("/api/context").expect(200).json();
    assertEquals("en_US", context.getString("lang"));
    assertEquals("Europe/Brussels", context.getString("tz"));
    assertEquals(List.of(1, 2), LoginIT.ints(context, "allowed_company_ids"));
  }

  @Test
  void overridesApplyToTheirRequestOnlyAndAreNeverStored() {
    JsonObject overridden = client.get("/api/context?lang=fr_FR&tz=America/New_York").expect(200).json();
    assertEquals("fr_FR", overridden.getString("lang"));
    assertEquals("America/New_York", overridden.getString("tz"));
    JsonObject plain = client.get("/api/context").json();
    assertEquals("en_US", plain.getString("lang"));
    assertEquals("Europe/Brussels", plain.getString("tz"));
  }

  @Test
  void unknownLanguagesAndTimeZonesAreRefused() {
    assertEquals("invalid_lang", client.get("/api/context?lang=xx_XX").expect(400).code());
    assertEquals("invalid_lang", client.get("/api/context?lang=").expect(400).code());
    assertEquals("invalid_tz", client.get("/api/context?tz=Mars/Olympus").expect(400).code());
    assertEquals("invalid_tz", client.get("/api/context?tz=%2B02:00").expect(400).code());
  }

  @Test
  void switchingCompaniesMakesTheFirstOneCurrent() {
    JsonObject info = client.put("/api/session/companies", "{\"allowed_company_ids\":[2,1]}").expect(200).json();
    assertEquals(List.of(2, 1), LoginIT.ints(info.getJsonObject("context"), "allowed_company_ids"));
    assertEquals(2, info.getJsonObject("user_companies").getInt("current_company"));
    assertEquals(2, info.getJsonObject("user_companies").getJsonArray("allowed_companies").size());
    assertEquals(List.of(2, 1), LoginIT.ints(client.get("/api/context").json(), "allowed_company_ids"));

    client.put("/api/session/companies", "{\"allowed_company_ids\":[1]}").expect(200);
    assertEquals(List.of(1), LoginIT.ints(client.get("/api/context").json(), "allowed_company_ids"));
  }

  @Test
  void aCompanyOutsideTheUsersCompaniesIsRefusedAndTheSelectionStays() {
    assertEquals(
        "company_not_allowed",
        client.put("/api/session/companies", "{\"allowed_company_ids\":[1,3]}").expect(403).code());
    assertEquals("validation_failed", client.put("/api/session/companies", "{\"allowed_company_ids\":[]}").expect(400).code());
    assertEquals("validation_failed", client.put("/api/session/companies", "{\"allowed_company_ids\":[1,1]}").expect(400).code());
    assertEquals("validation_failed", client.put("/api/session/companies", "{\"allowed_company_ids\":[\"1\"]}").expect(400).code());
    assertEquals("validation_failed", client.put("/api/session/companies", "{}").expect(400).code());
    assertEquals(List.of(1, 2), LoginIT.ints(client.get("/api/context").json(), "allowed_company_ids"));
  }

  @Test
  void preferencesAreStoredAndEveryOtherSessionOfTheUserSeesThem() {
    ApiClient other = new ApiClient();
    other.signIn(login, PASSWORD);
    JsonObject info = client.patch("/api/me/preferences", "{\"lang\":\"fr_FR\",\"tz\":\"Europe/Paris\"}").expect(200).json();
    assertEquals("fr_FR", info.getJsonObject("context").getString("lang"));
    JsonObject seen = other.get("/api/session").expect(200).json().getJsonObject("context");
    assertEquals("fr_FR", seen.getString("lang"));
    assertEquals("Europe/Paris", seen.getString("tz"));
    client.patch("/api/me/preferences", "{\"tz\":\"UTC\"}").expect(200);
    assertEquals("fr_FR", other.get("/api/context").json().getString("lang"));
    assertEquals("UTC", other.get("/api/context").json().getString("tz"));
  }

  @Test
  void invalidPreferencesAreRefusedAndChangeNothing() {
    assertEquals("invalid_lang", client.patch("/api/me/preferences", "{\"lang\":\"klingon\",\"tz\":\"UTC\"}").expect(400).code());
    assertEquals("invalid_tz", client.patch("/api/me/preferences", "{\"lang\":\"fr_FR\",\"tz\":\"Nowhere\"}").expect(400).code());
    assertEquals("validation_failed", client.patch("/api/me/preferences", "{}").expect(400).code());
    assertEquals("validation_failed", client.patch("/api/me/preferences", "{\"theme\":\"dark\"}").expect(400).code());
    JsonObject context = client.get("/api/context").json();
    assertEquals("en_US", context.getString("lang"));
    assertEquals("Europe/Brussels", context.getString("tz"));
  }
}
