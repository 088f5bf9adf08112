package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Users imported with their Odoo password hash, and what a failed login's time tells: nothing
 * about whether the login exists or how its password is stored.
 */
class PasswordImportAndTimingIT extends ApiTestBase {

  private static final String ODOO_PASSWORD = "imported from odoo";
  /** hashlib.pbkdf2_hmac('sha512', b'imported from odoo', b'timing-test-salt', 100000). */
  private static final String ODOO_HASH_100K =
      "$pbkdf2-sha512$100000$dGltaW5nLXRlc3Qtc2FsdA$JjKrgd/3o7D2MNOqwm9ew9gJgOS7s06lv.Uhh8jWkVzx3Vxk9MD/vpHdJT9ixxw9pVsBMFd0ebRyzgH2Wx5xrg";
  private static final String ODOO_HASH_99999 =
      "$pbkdf2-sha512$99999$dGltaW5nLXRlc3Qtc2FsdA$2sUvpmbaeDN4o1To40AfqBu9NxcvvJWvH4avED678KNXoYdX3F06QgpPPEgSEx/mVeinTiybntEmVvTZWLIZag";
  private static final String ODOO_HASH_2000001 =
      "$pbkdf2-sha512$2000001$dGltaW5nLXRlc3Qtc2FsdA$ZCZh88vxKigVp059Znca.qfKu8WYS52GDb2QXVqF0SZlW1crcMF9NyuYbnh4/u2L6Y//fNUbOKqu1gRc.jVZGw";

  private static ApiClient.Response importUser(ApiClient admin, String login, String hash) {
    return admin.post(
        "/api/admin/users",
        "{\"login\":" + ApiClient.quote(login) + ",\"password_hash\":" + ApiClient.quote(hash)
            + ",\"name\":\"Imported\",\"company_ids\":[1]}");
  }

  @Test
  void odooHashesAreImportedWithinTheAcceptedRoundsOnly() {
    ApiClient admin = admin();
    String imported = uniqueLogin("imported");
    importUser(admin, imported, ODOO_HASH_100K).expect(201);
    new ApiClient().signIn(imported, ODOO_PASSWORD); // and the hash becomes Argon2id
    new ApiClient().signIn(imported, ODOO_PASSWORD);
    for (String hash : List.of(ODOO_HASH_99999, ODOO_HASH_2000001, "$2b$12$notAnOdooHash", "plain")) {
      ApiClient.Response refused = importUser(admin, uniqueLogin("refused"), hash).expect(400);
      assertEquals("validation_failed", refused.code());
      assertTrue(refused.json().getString("detail").contains("password_hash"), refused.body());
    }
    assertEquals(
        "validation_failed",
        admin.post(
                "/api/admin/users",
                "{\"login\":\"both\",\"password\":\"long enough\",\"password_hash\":"
                    + ApiClient.quote(ODOO_HASH_100K) + ",\"name\":\"x\",\"company_ids\":[1]}")
            .expect(400)
            .code());
  }

  @Test
  void anUnknownLoginAnArgon2UserAndAnOdooUserFailInTheSameTime() {
    String argonUser = createUser("timing-argon");
    String odooUser = uniqueLogin("timing-odoo");
    importUser(admin(), odooUser, ODOO_HASH_100K).expect(201);
    String unknown = uniqueLogin("timing-nobody");
    Map<String, List<Long>> nanos = new LinkedHashMap<>();
    List<String> logins = List.of(unknown, argonUser, odooUser);
    logins.forEach(login -> nanos.put(login, new ArrayList<>()));
    try {
      for (int round = 0; round < 25; round++) {
        for (int i = 0; i < logins.size(); i++) {
          String login = logins.get((round + i) % logins.size()); // a new order every round
          long start = System.nanoTime();
          new ApiClient().login(login, "not the password").expect(401);
          long took = System.nanoTime() - start;
          if (round >= 5) { // the first five rounds warm up
            nanos.get(login).add(took);
          }
        }
      }
      double unknownMedian = median(nanos.get(unknown));
      double argonRatio = median(nanos.get(argonUser)) / unknownMedian;
      double odooRatio = median(nanos.get(odooUser)) / unknownMedian;
      String figures = "median ms: " + nanos.entrySet().stream()
          .map(e -> String.format("%.1f", median(e.getValue()) / 1e6)).toList()
          + String.format(", argon/unknown %.2f, odoo/unknown %.2f", argonRatio, odooRatio);
      System.out.println("Login timing: " + figures);
      assertTrue(argonRatio > 0.8 && argonRatio < 1.25, figures);
      assertTrue(odooRatio > 0.8 && odooRatio < 1.25, figures);
    } finally {
      // The right password turns the Odoo hash into Argon2id: later tests pay no decoy PBKDF2.
      new ApiClient().signIn(odooUser, ODOO_PASSWORD);
    }
  }

  private static double median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
  }
}
