package org.erp.sessions.web.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.validation.ConstraintViolation;
import java.util.List;
import java.util.Set;
import org.erp.sessions.application.NewUser;
import org.erp.sessions.application.UserDirectory;
import org.erp.sessions.web.json.Validators;
import org.erp.sessions.web.rest.PreferencesRequest;
import org.junit.jupiter.api.Test;

/** The one mapping of Bean Validation violations: 400 validation_failed naming the fields. */
class ProblemMapperValidationTest {

  private static final String SECRET = "a secret password";

  @Test
  void aRecordsViolationsAreNamedByTheirJsonFields() {
    Set<ConstraintViolation<NewUser>> violations =
        Validators.validator()
            .validate(new NewUser("ad\u0000min", SECRET, "", false, List.of(1, 1), "en_US", "UTC"));
    Problem problem = ProblemMapper.validationProblem(violations);
    assertEquals(400, problem.status());
    assertEquals("validation_failed", problem.code());
    assertEquals(
        "company_ids must not repeat a company; login must not contain the NUL character;"
            + " name must be a non-empty string.",
        problem.detail());
  }

  @Test
  void aServiceParameterViolationNamesTheFieldNotTheMethod() throws NoSuchMethodException {
    NewUser withoutCompanies =
        new NewUser("someone", SECRET, "x".repeat(129), false, List.of(), "en_US", "UTC");
    Set<ConstraintViolation<UserDirectory>> violations =
        Validators.validator()
            .forExecutables()
            .validateParameters(
                new UserDirectory(),
                UserDirectory.class.getMethod("create", NewUser.class),
                new Object[] {withoutCompanies});
    String detail = ProblemMapper.validationProblem(violations).detail();
    assertEquals(
        "company_ids must name at least one company; name must be 1 to 128 characters.", detail);
    assertFalse(detail.contains("create"), detail);
    assertFalse(detail.contains(SECRET), detail);
  }

  @Test
  void aParameterOfItsOwnIsNamedAfterTheParameter() throws NoSuchMethodException {
    Set<ConstraintViolation<UserDirectory>> violations =
        Validators.validator()
            .forExecutables()
            .validateParameters(
                new UserDirectory(),
                UserDirectory.class.getMethod("create", NewUser.class),
                new Object[] {null});
    String detail = ProblemMapper.validationProblem(violations).detail();
    assertTrue(detail.endsWith(" is required."), detail);
    assertFalse(detail.contains("create"), detail);
  }

  @Test
  void aWholeRecordsViolationIsItsMessage() {
    Problem problem = ProblemMapper.validationProblem(Validators.validator().validate(new PreferencesRequest(null, null)));
    assertEquals("Send lang, tz or both.", problem.detail());
  }
}
