package org.erp.sessions.domain.data;

import static org.erp.sessions.domain.Refusals.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.erp.sessions.domain.error.ErrorCode;
import org.junit.jupiter.api.Test;

class SessionDataRulesTest {

  private final SessionDataRules rules = new SessionDataRules(4096, 32, 16384);

  @Test
  void keysAreOneToSixtyFourSafeCharacters() {
    for (String key : List.of("a", "wizard.step", "ui-filter_2", "A".repeat(64))) {
      SessionDataRules.checkKey(key);
    }
    for (String key : List.of("", "a b", "a/b", "é", "A".repeat(65), "a;b")) {
      assertCode(ErrorCode.INVALID_KEY, () -> SessionDataRules.checkKey(key));
    }
  }

  @Test
  void keysThatNameASecretAreSensitiveWhateverTheirCase() {
    for (String key : List.of("password", "oldPassWord", "PASSWD", "pwd_hint", "clientSecret", "TOKEN",
        "myapikey", "api_key", "credit_card", "Card_Number", "cvv2", "IBAN")) {
      assertTrue(SessionDataRules.isSensitive(key), key);
    }
    assertFalse(SessionDataRules.isSensitive("wizard.step"));
    assertCode(ErrorCode.SENSITIVE_KEY, () -> rules.checkWrite("password", "1", Map.of()));
  }

  @Test
  void valueSizeIsCountedAsUtf8BytesOfCompactJson() {
    assertEquals(4, SessionDataRules.sizeOf("\"é\""));
    rules.checkWrite("k", "\"" + "a".repeat(4094) + "\"", Map.of());
    assertCode(ErrorCode.VALUE_TOO_LARGE, () -> rules.checkWrite("k", "\"" + "a".repeat(4095) + "\"", Map.of()));
  }

  @Test
  void theKeyLimitCountsOnlyNewKeys() {
    Map<String, Integer> full = new HashMap<>();
    for (int i = 0; i < 32; i++) {
      full.put("k" + i, 1);
    }
    assertCode(ErrorCode.SESSION_DATA_FULL, () -> rules.checkWrite("new", "1", full));
    rules.checkWrite("k3", "2", full);
  }

  @Test
  void theTotalLimitCountsTheReplacedValueOnce() {
    Map<String, Integer> data = new HashMap<>();
    for (int i = 0; i < 4; i++) {
      data.put("k" + i, SessionDataRules.sizeOf("\"" + "v".repeat(4000) + "\""));
    }
    assertCode(ErrorCode.SESSION_DATA_FULL, () -> rules.checkWrite("new", "\"" + "s".repeat(400) + "\"", data));
    rules.checkWrite("k0", "\"" + "v".repeat(4094) + "\"", data);
  }
}
