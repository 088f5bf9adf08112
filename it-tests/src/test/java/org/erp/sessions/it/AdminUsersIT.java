package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** User administration (API.md §6): create, get, change, deactivate; admins only. */
class AdminUsersIT extends ApiTestBase {

  @Test
  void anAdminCreatesAUserWhoCanThenSignIn() {
    String login = uniqueLogin("new");
    ApiClient.Response created =
        admin()
            .post(
                "/api/admin/users",
                "{\"login\":\"" + login + "\",\"password\":\"s3cret-enough\",\"name\":\"New User\","
                    + "\"is_admin\":false,\"company_ids\":[2,1],\"lang\":\"nl_BE\",\"tz\":\"Europe/Brussels\"}")
            .expect(201);
    JsonObject user = created.json();
    assertEquals(login, user.getString("login"));
    assertEquals("New User", user.getString("name"));
    assertFalse(user.getBoolean("is_admin"));
    assertTrue(user.getBoolean("active"));
    assertEquals(List.of(2, 1), LoginIT.ints(user, "company_ids"));
    assertEquals("nl_BE", user.getString("lang"));
    assertEquals("Europe/Brussels", user.getString("tz"));
    assertEquals(
        List.of("active", "company_ids", "is_admin", "lang", "login", "name", "tz", "uid"),
        user.keySet().stream().sorted().toList(),
        "no hash, no stamp");
    assertTrue(created.header("Location").orElseThrow().endsWith("/api/admin/users/" + user.getInt("uid")));

    JsonObject info = new ApiClient().signIn(login, "s3cret-enough");
    assertEquals(2, info.getJsonObject("user_companies").getInt("current_company"));
    assertEquals("nl_BE", info.getJsonObject("context").getString("lang"));
  }

  @Test
  void optionalFieldsTakeSensibleDefaults() {
    String login = uniqueLogin("defaults");
    JsonObject user =
        admin()
            .post("/api/admin/users", "{\"login\":\"" + login + "\",\"password\":\"long enough\",\"name\":\"D\",\"company_ids\":[1]}")
            .expect(201)
            .json();
    assertFalse(user.getBoolean("is_admin"));
    assertEquals("en_US", user.getString("lang"));
    assertEquals("UTC", user.getString("tz"));
  }

  @Test
  void aTakenLoginIsAConflict() {
    ApiClient admin = admin();
    assertEquals(
        "login_taken",
        admin.post("/api/admin/users", "{\"login\":\"demo\",\"password\":\"long enough\",\"name\":\"X\",\"company_ids\":[1]}")
            .expect(409)
            .code());
  }

  @Test
  void invalidUsersAreRefused() {
    ApiClient admin = admin();
    String login = uniqueLogin("invalid");
    List<String> bodies =
        List.of(
            "{\"password\":\"long enough\",\"name\":\"X\",\"company_ids\":[1]}",
            "{\"login\":\"" + login + "\",\"password\":\"short\",\"name\":\"X\",\"company_ids\":[1]}",
            "{\"login\":\"" + login + "\",\"password\":\"long enough\",\"company_ids\":[1]}",
            "{\"login\":\"" + login + "\",\"password\":\"long enough\",\"name\":\"X\",\"company_ids\":[]}",
            "{\"login\":\"" + login + "\",\"password\":\"long enough\",\"name\":\"X\",\"company_ids\":[99]}",
            "{\"login\":\"" + login + "\",\"password\":\"long enough\",\"name\":\"X\",\"company_ids\":[1],\"is_admin\":\"yes\"}",
            "{\"login\":\"" + login + "\",\"password\":\"long enough\",\"name\":\"X\",\"company_ids\":[1],\"role\":\"x\"}",
            // Only the service's constraint on NewUser says this: the EJB container checks it.
            "{\"login\":\"" + login + "\",\"password\":\"long enough\",\"name\":\"" + "n".repeat(129) + "\",\"company_ids\":[1]}");
    for (String body : bodies) {
      assertEquals("validation_failed", admin.post("/api/admin/users", body).expect(400).code(), body);
    }
    assertEquals(
        "invalid_lang",
        admin.post("/api/admin/users", "{\"login\":\"" + login + "\",\"password\":\"long enough\",\"name\":\"X\",\"company_ids\":[1],\"lang\":\"xx\"}")
            .expect(400)
            .code());
    new ApiClient().login(login, "long enough").expect(401);
  }

  @Test
  void getAndPatchAUser() {
    ApiClient admin = admin();
    String login = createUser("patch");
    int uid = new ApiClient().signIn(login, PASSWORD).getInt("uid");
    assertEquals(login, admin.get("/api/admin/users/" + uid).expect(200).json().getString("login"));
    JsonObject patched =
        admin.patch("/api/admin/users/" + uid, "{\"name\":\"Renamed\",\"is_admin\":true,\"company_ids\":[3]}")
            .expect(200)
            .json();
    assertEquals("Renamed", patched.getString("name"));
    assertTrue(patched.getBoolean("is_admin"));
    assertEquals(List.of(3), LoginIT.ints(patched, "company_ids"));
    assertEquals("not_found", admin.get("/api/admin/users/999999").expect(404).code());
    assertEquals("not_found", admin.patch("/api/admin/users/999999", "{\"name\":\"x\"}").expect(404).code());
    assertEquals("validation_failed", admin.patch("/api/admin/users/" + uid, "{\"active\":\"no\"}").expect(400).code());
  }

  @Test
  void removingACompanyFromAUserRemovesItFromTheirActiveCompanies() {
    ApiClient admin = admin();
    String login = createUser("companies");
    ApiClient user = new ApiClient();
    int uid = user.signIn(login, PASSWORD).getInt("uid");
    user.put("/api/session/companies", "{\"allowed_company_ids\":[2,1]}").expect(200);
    admin.patch("/api/admin/users/" + uid, "{\"company_ids\":[1]}").expect(200);
    assertEquals(List.of(1), LoginIT.ints(user.get("/api/context").expect(200).json(), "allowed_company_ids"));
  }

  @Test
  void deactivationEndsEverySessionAtOnceAndBlocksLogins() {
    ApiClient admin = admin();
    String login = createUser("deactivate");
    ApiClient first = new ApiClient();
    int uid = first.signIn(login, PASSWORD).getInt("uid");
    ApiClient second = new ApiClient();
    second.signIn(login, PASSWORD);

    assertFalse(admin.patch("/api/admin/users/" + uid, "{\"active\":false}").expect(200).json().getBoolean("active"));
    assertEquals("not_authenticated", first.get("/api/session").expect(401).code());
    assertEquals("not_authenticated", second.get("/api/session/check").expect(401).code());
    assertEquals("invalid_credentials", new ApiClient().login(login, PASSWORD).expect(401).code());

    admin.patch("/api/admin/users/" + uid, "{\"active\":true}").expect(200);
    new ApiClient().signIn(login, PASSWORD);
  }

  @Test
  void nonAdminsAreForbiddenAndAnonymousCallersUnauthenticated() {
    ApiClient demo = new ApiClient();
    demo.signIn("demo", "demo");
    assertEquals("forbidden", demo.get("/api/admin/users/2").expect(403).code());
    assertEquals(
        "forbidden",
        demo.post("/api/admin/users", "{\"login\":\"x\",\"password\":\"long enough\",\"name\":\"X\",\"company_ids\":[1]}")
            .expect(403)
            .code());
    assertEquals("forbidden", demo.patch("/api/admin/users/3", "{\"is_admin\":true}").expect(403).code());
    assertEquals("not_authenticated", new ApiClient().get("/api/admin/users/2").expect(401).code());
  }
}
