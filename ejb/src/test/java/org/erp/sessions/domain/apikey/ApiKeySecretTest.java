package org.erp.sessions.domain.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeySecretTest {

  @Test
  void aNewKeyCarriesItsIdAndMatchesOnlyItsOwnHash() {
    ApiKeySecret.NewKey key = ApiKeySecret.generate();
    assertTrue(key.id().matches("[0-9a-f]{16}"), key.id());
    assertTrue(key.key().startsWith("erp_" + key.id() + "_"));
    assertEquals(Optional.of(key.id()), ApiKeySecret.idOf(key.key()));
    String stored = ApiKeySecret.hash(key.key());
    assertEquals(64, stored.length());
    assertFalse(stored.contains(key.key().substring(21)), "the hash does not hold the secret");
    assertTrue(ApiKeySecret.matches(key.key(), stored));

    String other = key.key().substring(0, key.key().length() - 1) + (key.key().endsWith("A") ? "B" : "A");
    assertFalse(ApiKeySecret.matches(other, stored));
    assertNotEquals(key.key(), ApiKeySecret.generate().key());
  }

  @Test
  void onlyTheExactShapeOfAKeyIsRecognised() {
    String key = ApiKeySecret.generate().key();
    for (String notAKey :
        new String[] {
          null,
          "",
          "admin",
          key + "x",
          key.substring(1),
          "erp_" + "G".repeat(16) + "_" + "A".repeat(43),
          "erp_" + "0".repeat(16) + "-" + "A".repeat(43),
          "erp_" + "0".repeat(16) + "_" + "A".repeat(42) + "=",
          "erp_" + "0".repeat(16) + "_" + "A".repeat(42) + "\u0000",
        }) {
      assertFalse(ApiKeySecret.looksLikeKey(notAKey), String.valueOf(notAKey));
    }
    assertTrue(ApiKeySecret.looksLikeKey("erp_" + "0".repeat(16) + "_" + "A".repeat(43)));
  }
}
