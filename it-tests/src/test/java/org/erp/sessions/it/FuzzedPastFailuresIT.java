package org.erp.sessions.it;

import static org.erp.sessions.it.fuzz.Endpoint.ep;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.erp.sessions.it.fuzz.Access;
import org.erp.sessions.it.fuzz.Endpoint;
import org.erp.sessions.it.fuzz.FuzzTestBase;
import org.erp.sessions.it.fuzz.Generators;
import org.erp.sessions.it.fuzz.Input;
import org.erp.sessions.it.fuzz.Input.Body;
import org.erp.sessions.it.fuzz.Input.Csrf;
import org.erp.sessions.it.fuzz.Input.CsrfKind;
import org.erp.sessions.it.fuzz.Input.Who;
import org.erp.sessions.it.fuzz.Input.WhoKind;
import org.erp.sessions.it.fuzz.Param;
import org.erp.sessions.it.fuzz.Schema;
import org.junit.jupiter.api.Test;

/**
 * The fuzz tests' corpus of past failures: bodies, cookies and headers that once got a 5xx or an
 * answer that was no problem, sent to the endpoints they broke (see {@link FuzzTestBase}).
 */
class FuzzedPastFailuresIT extends FuzzTestBase {

  /**
   * Inputs that the fuzz test once found failing (and the fixes they led to), sent whatever the
   * seed: a corpus of past failures, so that they stay fixed.
   */
  @Test
  void inputsThatOnceFailed() {
    Endpoint login = ep("POST", "/api/session", Param.NONE, Schema.LOGIN, Access.NONE, 1);
    Endpoint info = ep("GET", "/api/session", Param.NONE, Schema.NONE, Access.SESSION, 1);
    Endpoint health = ep("GET", "/api/health", Param.NONE, Schema.NONE, Access.NONE, 1);
    Endpoint companies =
        ep("PUT", "/api/session/companies", Param.NONE, Schema.COMPANIES, Access.SESSION, 1);
    Endpoint key = ep("GET", "/api/session/data/{key}", Param.KEY, Schema.NONE, Access.SESSION, 1);
    Endpoint preferences =
        ep("PATCH", "/api/me/preferences", Param.NONE, Schema.PREFERENCES, Access.SESSION, 1);
    Endpoint user =
        ep("PATCH", "/api/admin/users/{uid}", Param.UID, Schema.USER_CHANGES, Access.ADMIN, 1);
    Endpoint odoo =
        ep("POST", "/web/session/authenticate", Param.NONE, Schema.ODOO_AUTH, Access.NONE, 1);
    String json = "application/json";
    String deep = "[".repeat(1001) + "]".repeat(1001);
    String bigExponent = "{\"login\":1e99999999999,\"password\":\"x\"}";
    String deepCompanies = "{\"allowed_company_ids\":" + deep + "}";
    String manyCookies = Generators.manyCookies(300) + "; session_id=x";
    String timeZone = "{\"tz\":\"Europe/Brussels\"}";
    WhoKind anonymous = WhoKind.NO_COOKIE;
    WhoKind attacker = WhoKind.ATTACKER;
    WhoKind garbage = WhoKind.GARBAGE;
    List<Map.Entry<Endpoint, Input>> known =
        List.of(
            // JsonBodies: Parsson's NumberFormatException and nesting limit were 500s.
            known(login, anonymous, null, null, json, null, bigExponent),
            known(companies, attacker, null, null, json, null, deepCompanies),
            known(odoo, anonymous, null, null, json, null, deep),
            // CookieHeaderGuard: cookies Undertow cannot parse were 500s with a stack trace page.
            known(health, garbage, "other=\u00e9t\u00e9", null, null, null, null),
            known(info, WhoKind.ATTACKER_WITH_JUNK, "; junk=a\u001f", null, null, null, null),
            known(info, garbage, manyCookies, null, null, null, null),
            known(health, garbage, "$Version=abc; a=b", null, null, null, null),
            // ProblemMapper: RESTEasy's Failure for a q value that is no number was a 500.
            known(info, attacker, null, null, null, "*/*;q=abc", null),
            // ProblemErrorPage: what RESTEasy cannot parse was a 400 in HTML.
            known(info, attacker, null, null, null, ";;;", null),
            known(login, anonymous, null, null, "???", null, "{}"),
            known(key, attacker, null, "%C0%80", null, null, null),
            // web.xml: RESTEasy's patch filter took */* for a merge patch, a 500 without a GET.
            known(preferences, attacker, null, null, "*/*", null, timeZone),
            // User.setCompanyIds: reordering a user's companies broke a unique key, a 503.
            known(user, WhoKind.ADMIN, null, "@sacrificial", json, null, "{\"company_ids\":[2,1]}"),
            known(
                user, WhoKind.ADMIN, null, "@sacrificial", json, null, "{\"company_ids\":[1,2]}"));
    sendInOrder("inputs that once failed", known);
  }

  private static Map.Entry<Endpoint, Input> known(
      Endpoint endpoint,
      WhoKind who,
      String cookie,
      String pathValue,
      String contentType,
      String accept,
      String body) {
    return Map.entry(
        endpoint,
        new Input(
            new Who(who, cookie),
            endpoint.method(),
            pathValue,
            new Csrf(CsrfKind.OWN, null),
            contentType,
            accept,
            body == null
                ? null
                : new Body(body.getBytes(StandardCharsets.UTF_8), false, List.of(), "known")));
  }
}
