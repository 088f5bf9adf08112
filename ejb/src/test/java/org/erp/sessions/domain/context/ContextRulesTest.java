package org.erp.sessions.domain.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.erp.sessions.domain.Refusals.assertCode;

import java.util.List;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.domain.user.UserView;
import org.junit.jupiter.api.Test;

class ContextRulesTest {

  private static final List<String> LANGUAGES = List.of("en_US", "fr_FR");
  private final UserView demo =
      new UserView(6, "demo", "Marc Demo", false, true, "en_US", "Europe/Brussels", List.of(1, 2), "stamp");

  @Test
  void theContextUsesStoredPreferencesWithoutOverrides() {
    RequestContext context = ContextRules.build(demo, List.of(2, 1), null, null, LANGUAGES);
    assertEquals(new RequestContext("en_US", "Europe/Brussels", 6, List.of(2, 1)), context);
    assertEquals(2, context.currentCompany());
  }

  @Test
  void overridesReplaceTheStoredPreferences() {
    RequestContext context = ContextRules.build(demo, List.of(1), "fr_FR", "Asia/Tokyo", LANGUAGES);
    assertEquals("fr_FR", context.lang());
    assertEquals("Asia/Tokyo", context.tz());
  }

  @Test
  void languagesMustBeInstalledAndZonesMustBeIanaRegionIds() {
    assertCode(ErrorCode.INVALID_LANG, () -> ContextRules.build(demo, List.of(1), "de_DE", null, LANGUAGES));
    assertCode(ErrorCode.INVALID_LANG, () -> ContextRules.build(demo, List.of(1), "", null, LANGUAGES));
    for (String tz : List.of("+02:00", "GMT+2", "Europe/Atlantis", "", "europe/paris")) {
      assertCode(ErrorCode.INVALID_TZ, () -> ContextRules.checkTz(tz));
    }
    ContextRules.checkTz("UTC");
    ContextRules.checkTz("America/Argentina/Buenos_Aires");
  }

  @Test
  void companiesTheUserLostAreDroppedAndAnEmptySelectionFallsBackToAllOfThem() {
    assertEquals(List.of(2), ContextRules.activeCompanies(demo, List.of(3, 2)));
    assertEquals(List.of(1, 2), ContextRules.activeCompanies(demo, List.of(3)));
    assertEquals(List.of(1, 2), ContextRules.activeCompanies(demo, List.of()));
  }

  @Test
  void aNewSelectionMustBeNonEmptyWithoutDuplicatesAndAllowed() {
    assertEquals(List.of(2, 1), ContextRules.checkSelection(demo, List.of(2, 1)));
    assertCode(ErrorCode.VALIDATION_FAILED, () -> ContextRules.checkSelection(demo, List.of()));
    assertCode(ErrorCode.VALIDATION_FAILED, () -> ContextRules.checkSelection(demo, List.of(1, 1)));
    assertCode(ErrorCode.COMPANY_NOT_ALLOWED, () -> ContextRules.checkSelection(demo, List.of(1, 3)));
  }
}
