package org.erp.sessions.domain.context;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.domain.user.UserView;

/** The rules that build and check a context. Pure functions, no state: easy to test. */
public final class ContextRules {

  /** IANA region ids only: {@code ZoneId.of} would also take offsets like "+02:00". */
  private static final Set<String> IANA_ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

  private ContextRules() {}

  public static void checkLang(String lang, List<String> installedLanguages) {
    if (lang == null || !installedLanguages.contains(lang)) {
      throw new ErpException(
          ErrorCode.INVALID_LANG,
          "Language must be one of the installed languages: "
              + String.join(", ", installedLanguages)
              + ".");
    }
  }

  public static void checkTz(String tz) {
    if (tz == null || !IANA_ZONES.contains(tz)) {
      throw new ErpException(
          ErrorCode.INVALID_TZ, "Time zone must be an IANA zone id such as Europe/Brussels.");
    }
  }

  /**
   * The companies a request works in: the session's selection, kept in its order but limited to
   * the companies the user may still access (an administrator may have removed one since), or
   * all of the user's companies when nothing of the selection is left.
   */
  public static List<Integer> activeCompanies(UserView user, List<Integer> sessionSelection) {
    List<Integer> active = new ArrayList<>();
    for (Integer id : sessionSelection) {
      if (user.mayAccessCompany(id) && !active.contains(id)) {
        active.add(id);
      }
    }
    return active.isEmpty() ? user.companyIds() : List.copyOf(active);
  }

  /** Checks a new selection of active companies: non-empty, no duplicates, all allowed. */
  public static List<Integer> checkSelection(UserView user, List<Integer> selection) {
    if (selection.isEmpty()) {
      throw new ErpException(
          ErrorCode.VALIDATION_FAILED, "allowed_company_ids must name at least one company.");
    }
    if (new HashSet<>(selection).size() != selection.size()) {
      throw new ErpException(
          ErrorCode.VALIDATION_FAILED, "allowed_company_ids must not contain duplicates.");
    }
    for (Integer id : selection) {
      if (!user.mayAccessCompany(id)) {
        throw new ErpException(
            ErrorCode.COMPANY_NOT_ALLOWED, "Company " + id + " is not one of your companies.");
      }
    }
    return List.copyOf(selection);
  }

  /** The context of a request: stored preferences unless the request overrides them. */
  public static RequestContext build(
      UserView user,
      List<Integer> sessionSelection,
      String langOverride,
      String tzOverride,
      List<String> installedLanguages) {
    String lang = user.lang();
    if (langOverride != null) {
      checkLang(langOverride, installedLanguages);
      lang = langOverride;
    }
    String tz = user.tz();
    if (tzOverride != null) {
      checkTz(tzOverride);
      tz = tzOverride;
    }
    return new RequestContext(lang, tz, user.uid(), activeCompanies(user, sessionSelection));
  }
}
