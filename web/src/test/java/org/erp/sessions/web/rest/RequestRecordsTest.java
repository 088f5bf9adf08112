package org.erp.sessions.web.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.web.json.JsonBodies;
import org.erp.sessions.web.json.RequestBodies;
import org.erp.sessions.web.json.Validators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The request bodies: JSON read strictly by JsonBodies, values checked by the records' constraints. */
class RequestRecordsTest {

  private static final RequestBodies BODIES = Validators.requestBodies();

  private static <T extends Record> T read(String json, Class<T> type) {
    return BODIES.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), type);
  }

  /** The JSON names of the fields the constraints refused. */
  private static Set<String> refusedFields(String json, Class<? extends Record> type) {
    ConstraintViolationException refused =
        assertThrows(ConstraintViolationException.class, () -> read(json, type));
    Set<String> fields = new TreeSet<>();
    for (ConstraintViolation<?> violation : refused.getConstraintViolations()) {
      fields.add(JsonBodies.fieldName(violation.getPropertyPath().toString()));
    }
    return fields;
  }

  private static ErpException bindingRefusal(String json, Class<? extends Record> type) {
    return assertThrows(ErpException.class, () -> read(json, type));
  }

  @Test
  void aLoginNeedsBothFieldsAsNonEmptyStrings() {
    LoginRequest login = read("{\"login\":\"admin\",\"password\":\"admin\"}", LoginRequest.class);
    assertEquals("admin", login.login());
    assertEquals(Set.of("password"), refusedFields("{\"login\":\"admin\"}", LoginRequest.class));
    assertEquals(Set.of("login", "password"), refusedFields("{}", LoginRequest.class));
    assertEquals(
        Set.of("login"), refusedFields("{\"login\":\"  \",\"password\":\"x\"}", LoginRequest.class));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"\"", "\" \\t\\n\"", "\"\\u2003\"", "\"\\u3000\""})
  void emptyMeansWhatStringIsBlankSays(String blank) {
    assertEquals(
        Set.of("login"),
        refusedFields("{\"login\":" + blank + ",\"password\":\"x\"}", LoginRequest.class));
  }

  @Test
  void aControlCharacterOtherThanNulIsText() {
    // Hibernate's @NotBlank would trim it away and refuse it; the contract never did.
    assertEquals(
        "\u0001", read("{\"login\":\"\\u0001\",\"password\":\"x\"}", LoginRequest.class).login());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"ad\\u0000min\"", "\"\\u0000\""})
  void aNulCharacterIsRefusedBeforeItReachesTheDatabase(String withNul) {
    assertEquals(
        Set.of("login"),
        refusedFields("{\"login\":" + withNul + ",\"password\":\"x\"}", LoginRequest.class));
    assertEquals(
        Set.of("tz"), refusedFields("{\"tz\":" + withNul + "}", PreferencesRequest.class));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "true", "null", "[\"a\"]", "{\"a\":\"b\"}"})
  void aFieldOfTheWrongJsonTypeIsRefusedNamingIt(String notAString) {
    ErpException refused =
        bindingRefusal("{\"login\":" + notAString + ",\"password\":\"x\"}", LoginRequest.class);
    assertEquals(ErrorCode.VALIDATION_FAILED, refused.code());
    assertTrue(refused.getMessage().startsWith("login "), refused.getMessage());
  }

  @Test
  void unknownFieldsAreRefusedNamingThem() {
    ErpException refused =
        bindingRefusal("{\"login\":\"a\",\"password\":\"b\",\"role\":1}", LoginRequest.class);
    assertEquals(ErrorCode.VALIDATION_FAILED, refused.code());
    assertTrue(refused.getMessage().contains("role"), refused.getMessage());
    assertEquals(
        ErrorCode.VALIDATION_FAILED, bindingRefusal("[1,2]", LoginRequest.class).code());
    assertEquals(ErrorCode.MALFORMED_JSON, bindingRefusal("{\"login\":", LoginRequest.class).code());
    assertEquals(ErrorCode.MALFORMED_JSON, bindingRefusal("", LoginRequest.class).code());
  }

  @Test
  void aCompanySelectionIsANonEmptyListOfDistinctIntegers() {
    assertEquals(
        List.of(2, 1),
        read("{\"allowed_company_ids\":[2,1]}", CompanySelection.class).allowedCompanyIds());
    assertEquals(
        Set.of("allowed_company_ids"),
        refusedFields("{\"allowed_company_ids\":[]}", CompanySelection.class));
    assertEquals(
        Set.of("allowed_company_ids"),
        refusedFields("{\"allowed_company_ids\":[1,1]}", CompanySelection.class));
    assertEquals(Set.of("allowed_company_ids"), refusedFields("{}", CompanySelection.class));
    for (String notInts : List.of("[\"1\"]", "[1.5]", "[1.0]", "[2147483648]", "null", "1")) {
      assertEquals(
          ErrorCode.VALIDATION_FAILED,
          bindingRefusal("{\"allowed_company_ids\":" + notInts + "}", CompanySelection.class)
              .code(),
          notInts);
    }
  }

  @Test
  void preferencesNeedLangTzOrBoth() {
    assertEquals("fr_FR", read("{\"lang\":\"fr_FR\"}", PreferencesRequest.class).lang());
    assertNull(read("{\"tz\":\"UTC\"}", PreferencesRequest.class).lang());
    ConstraintViolationException refused =
        assertThrows(ConstraintViolationException.class, () -> read("{}", PreferencesRequest.class));
    assertEquals(
        "Send lang, tz or both", refused.getConstraintViolations().iterator().next().getMessage());
    // Present means present: a JSON null is no absent field.
    assertEquals(
        ErrorCode.VALIDATION_FAILED,
        bindingRefusal("{\"lang\":null,\"tz\":\"UTC\"}", PreferencesRequest.class).code());
  }

  @Test
  void aNewUserHasExactlyOneOfPasswordAndPasswordHash() {
    String rest = ",\"name\":\"X\",\"company_ids\":[1]}";
    NewUserRequest user = read("{\"login\":\"a\",\"password\":\"long enough\"" + rest, NewUserRequest.class);
    assertEquals("UTC", user.toNewUser("en_US", "UTC").tz());
    assertEquals("en_US", user.toNewUser("en_US", "UTC").lang());
    assertEquals(false, user.toNewUser("en_US", "UTC").isAdmin());
    read("{\"login\":\"a\",\"password_hash\":\"$argon2id$x\"" + rest, NewUserRequest.class);
    assertEquals(Set.of(""), refusedFields("{\"login\":\"a\"" + rest, NewUserRequest.class));
    assertEquals(
        Set.of(""),
        refusedFields(
            "{\"login\":\"a\",\"password\":\"long enough\",\"password_hash\":\"h\"" + rest,
            NewUserRequest.class));
    assertEquals(
        ErrorCode.VALIDATION_FAILED,
        bindingRefusal(
                "{\"login\":\"a\",\"password\":\"long enough\",\"is_admin\":\"yes\"" + rest,
                NewUserRequest.class)
            .code());
    assertEquals(
        Set.of("company_ids", "name"),
        refusedFields(
            "{\"login\":\"a\",\"password\":\"long enough\",\"company_ids\":[3,3]}",
            NewUserRequest.class));
  }

  @Test
  void userChangesAreOptionalButValidWhenGiven() {
    UserChangesRequest changes = read("{\"active\":false}", UserChangesRequest.class);
    assertEquals(Set.of("active"), changes.fieldsGiven());
    assertEquals(Boolean.FALSE, changes.toUserChanges().active());
    assertEquals(Set.of(), read("{}", UserChangesRequest.class).fieldsGiven());
    assertEquals(Set.of("name"), refusedFields("{\"name\":\"\"}", UserChangesRequest.class));
    assertEquals(
        Set.of("company_ids"), refusedFields("{\"company_ids\":[]}", UserChangesRequest.class));
    assertEquals(
        ErrorCode.VALIDATION_FAILED,
        bindingRefusal("{\"active\":\"no\"}", UserChangesRequest.class).code());
  }

  @Test
  void aDataValueIsAnyJsonValueButMustBeThere() {
    assertEquals(JsonValue.NULL, read("{\"value\":null}", DataValue.class).value());
    assertEquals("[1,{\"a\":\"b\"}]", read("{\"value\":[1,{\"a\":\"b\"}]}", DataValue.class).value().toString());
    assertEquals(Set.of("value"), refusedFields("{}", DataValue.class));
  }

  @Test
  void aPasswordChangeNeedsBothPasswords() {
    assertEquals(
        Set.of("current_password"),
        refusedFields("{\"new_password\":\"long enough\"}", PasswordChange.class));
  }

  @Test
  void theSecondStepNeedsACodeAndRemembersTheBrowserOnlyWhenAsked() {
    assertEquals(false, read("{\"code\":\"123456\"}", SecondStep.class).remember());
    assertEquals(
        true, read("{\"code\":\"123456\",\"remember_device\":true}", SecondStep.class).remember());
    assertEquals(Set.of("code"), refusedFields("{\"remember_device\":true}", SecondStep.class));
    assertEquals(Set.of("code"), refusedFields("{}", TotpCode.class));
    assertEquals("012345", read("{\"code\":\"012345\"}", TotpCode.class).code());
  }
}
