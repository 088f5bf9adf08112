package org.erp.sessions.domain.password;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  /** OWASP's recommended cost, the service's default. */
  private final PasswordHasher owasp = new PasswordHasher(19 * 1024, 2);

  @Test
  void hashesAreArgon2idPhcStringsWithTheConfiguredCostAndARandomSalt() {
    String hash = owasp.hash("admin");
    assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
    assertNotEquals(hash, owasp.hash("admin"), "salted");
    assertTrue(owasp.verify("admin", hash));
    assertFalse(owasp.verify("Admin", hash));
    assertFalse(owasp.needsRehash(hash));
  }

  @Test
  void verifiesHashesOfTheArgon2ReferenceImplementation() {
    // Computed with the reference CLI (Debian's argon2):
    // echo -n password | argon2 somesalt -id -t 2 -m 16 -p 4 -l 24
    String reference = "$argon2id$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$F1jG2CV3/Nr+yRuIsPKw0J9r4s7cJHBU";
    assertTrue(owasp.verify("password", reference));
    assertFalse(owasp.verify("passwort", reference));
    assertTrue(owasp.needsRehash(reference), "another cost: rehash at next login");
    // echo -n admin | argon2 saltsaltsaltsalt -id -t 2 -k 19456 -p 1 -l 32 -e
    String owaspCost =
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$yMwYUAK1fkTWFCBnaL7DCcasAL4CtSysOd7COScLbmw";
    assertTrue(owasp.verify("admin", owaspCost));
    assertFalse(owasp.needsRehash(owaspCost));
  }

  @Test
  void verifiesOdooPbkdf2Sha512HashesComputedIndependently() {
    // Computed with Python's hashlib.pbkdf2_hmac('sha512', ...) and passlib's ab64 encoding.
    String odoo =
        "$pbkdf2-sha512$25000$MDEyMzQ1Njc4OWFiY2RlZg$1ghj0T0HZWch00LfnhjXx3er7ZDEEN1BF6pxsBlgz/d07d.Qxz5Kg1Oz9g8VdS6ebiSwisnASzPZrBoVE1c39Q";
    assertTrue(owasp.verify("correct horse battery staple", odoo));
    assertFalse(owasp.verify("correct horse battery stapler", odoo));
    assertTrue(owasp.needsRehash(odoo), "Odoo hashes become Argon2id at the next login");

    String unicode =
        "$pbkdf2-sha512$600000$AAECAwQFBgcICQoLDA0ODw$8P5rXNa3OHqy/dj0dPPoQLx4AtWY6Md1v5ft2dL62SEjsckLJ7enfQlikFIQPHzbzmSNmP6xZt2R/s/FpvB3sg";
    assertTrue(owasp.verify("pässwörd", unicode));
  }

  @Test
  void adaptedBase64UsesADotForPlusAndNoPadding() {
    byte[] bytes = HexFormat.of().parseHex("fbff");
    assertEquals("./8", PasswordHasher.adaptedBase64Encode(bytes));
    assertArrayEquals(bytes, PasswordHasher.adaptedBase64Decode("./8"));
  }

  @Test
  void unreadableHashesNeverVerify() {
    for (String hash :
        new String[] {
          null, "", "admin", "$2b$12$abcdefghijklmnopqrstuv", "$argon2id$v=19$m=0,t=1,p=1$AAAA$AAAA",
          "$pbkdf2-sha512$0$AAAA$AAAA", "$pbkdf2-sha512$999999999$AAAA$AAAA"
        }) {
      assertFalse(owasp.verify("admin", hash), String.valueOf(hash));
    }
    assertFalse(owasp.verify(null, owasp.hash("x")));
  }

  @Test
  void refusesAbsurdCosts() {
    assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(4, 2));
    assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(19456, 0));
  }

  @Test
  void theNativeArgon2LoadsHereAndGivesTheSameBytesAsTheJavaOne() {
    assertNotNull(PasswordHasher.NativeArgon2.INSTANCE, "libargon2 through JNA on this platform");
    byte[] salt = "sixteen byte slt".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(
        PasswordHasher.argon2idInJava(new byte[0], salt, 8, 1, 1, 32),
        PasswordHasher.argon2id("", salt, 8, 1, 1, 32),
        "an empty password is hashed too");
    for (int[] cost : new int[][] {{8, 1, 1}, {19456, 2, 1}, {4096, 3, 2}}) {
      byte[] expected =
          PasswordHasher.argon2idInJava(
              "pässword".getBytes(StandardCharsets.UTF_8), salt, cost[0], cost[1], cost[2], 32);
      assertArrayEquals(
          expected, PasswordHasher.argon2id("pässword", salt, cost[0], cost[1], cost[2], 32));
    }
  }

  @Test
  void theEqualCostVerificationGivesTheSameAnswersAsThePlainOne() {
    String odoo =
        "$pbkdf2-sha512$25000$MDEyMzQ1Njc4OWFiY2RlZg$1ghj0T0HZWch00LfnhjXx3er7ZDEEN1BF6pxsBlgz/d07d.Qxz5Kg1Oz9g8VdS6ebiSwisnASzPZrBoVE1c39Q";
    PasswordHasher cheap = new PasswordHasher(8, 1);
    String argon = cheap.hash("right");
    for (int padding : new int[] {0, 25_000, 30_000}) {
      assertTrue(cheap.verifyAtEqualCost("correct horse battery staple", odoo, padding));
      assertFalse(cheap.verifyAtEqualCost("wrong", odoo, padding));
      assertTrue(cheap.verifyAtEqualCost("right", argon, padding));
      assertFalse(cheap.verifyAtEqualCost("wrong", argon, padding));
      assertFalse(cheap.verifyAtEqualCost("right", null, padding), "an unknown login");
      assertFalse(cheap.verifyAtEqualCost(null, argon, padding));
    }
    assertEquals(25_000, PasswordHasher.pbkdf2Rounds(odoo));
    assertEquals(0, PasswordHasher.pbkdf2Rounds(argon));
  }

  /**
   * The timing half of "a failed login tells nothing": real and decoy work add up to the same
   * hashing for every kind of stored hash. (The time itself is measured in bench/login-timing.sh:
   * a timed assertion in a test run on a shared machine fails now and then for no reason.)
   */
  @Test
  void realAndDecoyWorkAddUpToTheSameHashingWhateverIsStored() {
    PasswordHasher hasher = new PasswordHasher(19456, 2);
    String argon = "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY";
    String odooAt = "$pbkdf2-sha512$%d$MDEyMzQ1Njc4OWFiY2RlZg$1ghj0T0HZWch00LfnhjXx3er7ZDEEN1BF6pxsBlgz/d07d.Qxz5Kg1Oz9g8VdS6ebiSwisnASzPZrBoVE1c39Q";
    List<String> stored =
        Arrays.asList(
            null, // an unknown login
            argon,
            String.format(odooAt, 100_000),
            String.format(odooAt, 2_000_000),
            "plain", // unreadable: verify() computes nothing
            argon.replace("m=19456", "m=99999999")); // an absurd cost, refused unread
    for (int highestOdooRounds : new int[] {0, 100_000, 2_000_000}) {
      for (String hash : stored) {
        int rounds = Math.max(highestOdooRounds, PasswordHasher.pbkdf2Rounds(hash));
        assertEquals(
            hasher.equalCost(rounds),
            PasswordHasher.verificationWork(hash).plus(hasher.decoyWork(hash, rounds)),
            "stored " + hash + ", highest Odoo rounds " + rounds);
      }
    }
    assertEquals(new PasswordHasher.Work(19456, 2, 0), PasswordHasher.verificationWork(argon));
    assertEquals(new PasswordHasher.Work(0, 0, 100_000), PasswordHasher.verificationWork(String.format(odooAt, 100_000)));
    // The documented exception: a hash of an older Argon2id cost costs what it costs until the
    // user's next good login rehashes it.
    String older = argon.replace("m=19456,t=2", "m=12288,t=3");
    assertEquals(new PasswordHasher.Work(12288, 3, 0), PasswordHasher.verificationWork(older));
    assertEquals(new PasswordHasher.Work(0, 0, 0), hasher.decoyWork(older, 0));
  }

  @Test
  void importedHashesAreCheckedForTheirFormatAndCost() {
    String rounds = "$pbkdf2-sha512$%d$MDEyMzQ1Njc4OWFiY2RlZg$1ghj0T0HZWch00LfnhjXx3er7ZDEEN1BF6pxsBlgz/d07d.Qxz5Kg1Oz9g8VdS6ebiSwisnASzPZrBoVE1c39Q";
    assertTrue(PasswordHasher.importProblem(String.format(rounds, 100_000)).isEmpty());
    assertTrue(PasswordHasher.importProblem(String.format(rounds, 2_000_000)).isEmpty());
    assertTrue(PasswordHasher.importProblem(String.format(rounds, 99_999)).orElseThrow().contains("99999"));
    assertTrue(PasswordHasher.importProblem(String.format(rounds, 2_000_001)).isPresent());
    assertTrue(PasswordHasher.importProblem(owasp.hash("x")).isEmpty());
    assertTrue(PasswordHasher.importProblem("$2b$12$abcdefghijklmnopqrstuv").isPresent());
    assertTrue(PasswordHasher.importProblem(null).isPresent());
  }
}
