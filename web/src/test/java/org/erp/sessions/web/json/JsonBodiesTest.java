package org.erp.sessions.web.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodiesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"login\":1e99999999999,\"password\":\"x\"}",
        "{\"value\":1E+2147483648}",
        "{\"login\":",
        "[1,",
        "\u0000",
        "{\"a\":\"\u0001\"}"
      })
  void unparsableBodiesAreMalformedJson(String body) {
    assertEquals(ErrorCode.MALFORMED_JSON, refusal(body).code());
  }

  @ParameterizedTest
  @ValueSource(ints = {1001, 5000, 30000})
  void nestingBeyondTheParsersLimitIsMalformedJson(int depth) {
    assertEquals(ErrorCode.MALFORMED_JSON, refusal("[".repeat(depth) + "]".repeat(depth)).code());
  }

  private static ErpException refusal(String body) {
    return assertThrows(
        ErpException.class,
        () -> JsonBodies.value(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
  }

  @org.junit.jupiter.api.Test
  void fieldNamesAreTheComponentsInSnakeCase() {
    assertEquals("allowed_company_ids", JsonBodies.fieldName("allowedCompanyIds"));
    assertEquals("is_admin", JsonBodies.fieldName("isAdmin"));
    assertEquals("login", JsonBodies.fieldName("login"));
  }
}
