package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The example ERP module (/sales) over HTTP, as a frontend uses it: it sees the session signed
 * in at /api, keeps its wizard in that session through the module API, refuses a company outside
 * the session's, and loses its wizard when the user signs out.
 */
class ExampleModuleIT extends ApiTestBase {

  @Test
  void theModuleSeesTheCallerOfTheSessionSignedInAtTheApi() {
    String login = createUser("sales");
    ApiClient user = new ApiClient();
    JsonObject session = user.signIn(login, PASSWORD);
    JsonObject caller = user.get("/sales/api/wizard").expect(200).json().getJsonObject("caller");
    assertEquals(session.getInt("uid"), caller.getInt("uid"));
    assertEquals(login, caller.getString("login"));
    assertEquals(1, caller.getInt("current_company_id"));
    assertEquals("[1,2]", caller.getJsonArray("allowed_company_ids").toString());
    assertEquals("en_US", caller.getString("lang"));
    assertEquals("Europe/Brussels", caller.getString("tz"));
    assertEquals(login, caller.getString("principal"), "Jakarta Security's caller");
    assertFalse(caller.getBoolean("admin"));
  }

  @Test
  void jakartaSecurityInTheModuleKnowsAnAdministratorsRole() {
    JsonObject caller = admin().get("/sales/api/wizard").expect(200).json().getJsonObject("caller");
    assertEquals("admin", caller.getString("principal"));
    assertTrue(caller.getBoolean("admin"));
  }

  @Test
  void theWizardRunsThroughItsStepsInTheSessionAndConfirms() {
    ApiClient user = signedIn("wizard");
    assertEquals(0, user.get("/sales/api/wizard").expect(200).json().getInt("step"));
    user.post("/sales/api/wizard", "{\"customer\":\"Azure Interior\",\"company_id\":2}").expect(201);
    user.post("/sales/api/wizard/lines", "{\"product\":\"Desk\",\"quantity\":2}").expect(200);
    JsonObject wizard = user.get("/sales/api/wizard").expect(200).json();
    assertEquals(2, wizard.getInt("step"));
    assertEquals(2, wizard.getInt("company_id"));
    // The module's state is the session's custom data, as the HTTP API sees it.
    JsonObject data = user.get("/api/session/data").expect(200).json();
    assertTrue(data.containsKey("sales.order_wizard"), data.toString());
    assertEquals("Azure Interior", data.getJsonObject("sales.order_wizard").getString("customer"));

    JsonObject order = user.post("/sales/api/wizard/confirm?lang=fr_FR", null).expect(200).json();
    assertEquals("Azure Interior", order.getString("customer"));
    assertEquals("fr_FR", order.getString("lang"), "with_context for this call");
    assertEquals(
        "en_US",
        user.get("/api/session").expect(200).json().getJsonObject("context").getString("lang"),
        "the user's language is unchanged");
    assertEquals(0, user.get("/sales/api/wizard").expect(200).json().getInt("step"));
  }

  @Test
  void aCompanyOutsideTheSessionsIsRefused() {
    ApiClient user = signedIn("company");
    user.put("/api/session/companies", "{\"allowed_company_ids\":[1]}").expect(200);
    ApiClient.Response refused =
        user.post("/sales/api/wizard", "{\"customer\":\"Deco Addict\",\"company_id\":2}");
    assertEquals(403, refused.status());
    assertEquals("company_not_allowed", refused.code());
    assertTrue(refused.header("Content-Type").orElse("").startsWith("application/problem+json"));
    assertEquals(0, user.get("/sales/api/wizard").expect(200).json().getInt("step"));
  }

  @Test
  void withoutASessionOrWithoutTheCsrfTokenTheModuleRefuses() {
    ApiClient anonymous = new ApiClient();
    assertEquals("not_authenticated", anonymous.get("/sales/api/wizard").expect(401).code());

    ApiClient user = signedIn("csrf");
    String token = user.csrfToken();
    user.useCsrfToken(null);
    assertEquals(
        "csrf_failed",
        user.post("/sales/api/wizard", "{\"customer\":\"Gemini\"}").expect(403).code());
    user.useCsrfToken("not-the-token");
    assertEquals("csrf_failed", user.delete("/sales/api/wizard").expect(403).code());
    user.useCsrfToken(token);
    user.post("/sales/api/wizard", "{\"customer\":\"Gemini\"}").expect(201);
  }

  @Test
  void signingOutDropsTheWizardAndTheModuleNoLongerKnowsTheCaller() {
    String login = createUser("signout");
    ApiClient user = new ApiClient();
    user.signIn(login, PASSWORD);
    user.post("/sales/api/wizard", "{\"customer\":\"Lumber Inc\"}").expect(201);
    String oldSession = user.sessionId();
    user.delete("/api/session").expect(204);
    ApiClient stale = new ApiClient();
    stale.useSessionId(oldSession);
    assertEquals("not_authenticated", stale.get("/sales/api/wizard").expect(401).code());

    user.signIn(login, PASSWORD);
    assertEquals(0, user.get("/sales/api/wizard").expect(200).json().getInt("step"), "a new session starts empty");
  }

  @Test
  void badInputIsAProblemWithTheServicesCodes() {
    ApiClient user = signedIn("input");
    assertEquals("validation_failed", user.post("/sales/api/wizard", "{\"customer\":\"\"}").expect(400).code());
    assertEquals("not_found", user.post("/sales/api/wizard/lines", "{\"product\":\"Desk\",\"quantity\":1}").expect(404).code());
    user.post("/sales/api/wizard", "{\"customer\":\"Ready Mat\"}").expect(201);
    assertEquals(
        "validation_failed",
        user.post("/sales/api/wizard/lines", "{\"product\":\"Desk\",\"quantity\":0}").expect(400).code());
    assertEquals("validation_failed", user.post("/sales/api/wizard/confirm", null).expect(400).code());
    assertEquals("invalid_lang", postConfirmWithLine(user, "xx_XX").code());
  }

  private static ApiClient.Response postConfirmWithLine(ApiClient user, String lang) {
    user.post("/sales/api/wizard/lines", "{\"product\":\"Desk\",\"quantity\":1}").expect(200);
    return user.post("/sales/api/wizard/confirm?lang=" + lang, null).expect(400);
  }

  private static ApiClient signedIn(String prefix) {
    String login = createUser(prefix);
    ApiClient user = new ApiClient();
    user.signIn(login, PASSWORD);
    return user;
  }
}
