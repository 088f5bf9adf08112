package org.erp.sessions.it.fuzz;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.erp.sessions.it.fuzz.Input.WhoKind;

/**
 * The properties every answer must have, whatever the input: no 5xx; every 4xx an RFC 9457
 * problem; no internals, secrets or echoed credentials; refused what must be refused.
 */
final class AnswerProperties {

  /**
   * Contract names of Odoo errors (API.md §8): allowed in answers, though they look like classes.
   */
  static final List<String> ODOO_NAMES =
      List.of(
          "odoo.http.SessionExpiredException", "odoo.exceptions.AccessDenied",
          "odoo.exceptions.UserError", "werkzeug.exceptions.BadRequest");

  static final List<Pattern> INTERNALS =
      List.of(
          Pattern.compile("Exception"),
          Pattern.compile("Throwable"),
          Pattern.compile("Caused by"),
          Pattern.compile("\\bat [a-zA-Z_$][\\w$]*(?:\\.[\\w$]+)+\\("),
          Pattern.compile("\\.java:\\d*"),
          Pattern.compile(
              "\\b(?:java|javax|jakarta|org|com|io|sun|jdk|net)\\.[a-z_][a-z0-9_]*(?:\\.[A-Za-z_$][\\w$]*)+"),
          Pattern.compile(
              "\\b(?:RESTEASY|UT|WFLY|WFLYCTL|WELD-|HHH|ISPN|ARJUNA|IJ|JBTHR)\\d{3,}"),
          Pattern.compile("(?i)\\bselect\\b[^\"]{0,200}?\\bfrom\\b"),
          Pattern.compile(
              "(?i)\\binsert\\s+into\\b|\\bdelete\\s+from\\b|\\bupdate\\s+\\w+\\s+set\\b"),
          Pattern.compile("(?i)sqlstate|\\bjdbc\\b|hibernate|\\bh2\\b|postgres|syntax error"),
          Pattern.compile("(?i)\\berp_(?:user|device|company|login_failure|user_company)\\b"),
          Pattern.compile("(?i)constraint violation|unique index|primary key"));

  private AnswerProperties() {}

  static void check(
      Endpoint e,
      Input input,
      Request request,
      Answer answer,
      World world,
      List<String> problems) {
    if (answer == null || answer.status() < 100) {
      problems.add("no HTTP answer" + (answer == null ? "" : ": " + answer.error()));
      return;
    }
    int status = answer.status();
    if (status >= 500) {
      problems.add("status " + status);
    }
    if (status >= 400 && status < 500) {
      problem(answer, problems);
    }
    String requestText = request.text();
    String requestLower = requestText.toLowerCase(Locale.ROOT);
    String body = answer.body();
    String visible = body;
    for (String name : ODOO_NAMES) {
      visible = visible.replace(name, "");
    }
    for (Pattern pattern : INTERNALS) {
      Matcher m = pattern.matcher(visible);
      while (m.find()) {
        String found = m.group();
        if (!requestLower.contains(found.toLowerCase(Locale.ROOT))) {
          problems.add("internals in the answer: '" + Text.show(found, 80) + "'");
          break;
        }
      }
    }
    // Secrets: the victim's, every session id, and what this request sent.
    List<String> headerLocations = answer.headers("location");
    for (Map.Entry<String, String> secret : world.secrets().entrySet()) {
      String value = secret.getValue();
      if (value != null && value.length() >= 8 && !requestText.contains(value)) {
        if (body.contains(value)) {
          problems.add("the answer contains " + secret.getKey());
        }
        if (headerLocations.stream().anyMatch(l -> l.contains(value))) {
          problems.add("the Location header contains " + secret.getKey());
        }
      }
    }
    if (request.cookie() != null) {
      for (String part : request.cookie().split(";")) {
        String value =
            part.contains("=") ? part.substring(part.indexOf('=') + 1).trim() : part.trim();
        if (value.length() >= 12 && body.contains(value) && !request.bodyText().contains(value)) {
          problems.add("the answer contains the cookie value sent");
          break;
        }
      }
    }
    // A signed-in principal's session info carries its own token (API.md §1): only that is fine.
    String csrf = request.csrf();
    String withoutOwnToken =
        request.ownToken() != null && status < 300 ? body.replace(request.ownToken(), "") : body;
    if (csrf != null
        && csrf.trim().length() >= 12
        && withoutOwnToken.contains(csrf.trim())
        && !request.bodyText().contains(csrf.trim())) {
      problems.add("the answer contains the X-CSRF-Token sent");
    }
    if (input.body() != null) {
      String sent = request.bodyText();
      for (String password : input.body().passwords()) {
        if (password.length() >= 6
            && body.contains(password)
            && occurrences(sent, Text.quote(password)) <= 1
            && occurrences(sent, password) <= 1) {
          problems.add("the answer contains the password sent");
        }
      }
    }
    refusals(e, input, request, status, problems);
    if (e.param() == Param.REDIRECT_QUERY && status == 303) {
      String location = answer.headers("location").stream().findFirst().orElse("");
      if (!location.startsWith("/")
          || location.startsWith("//")
          || location.startsWith("/\\")
          || location.chars().anyMatch(c -> c < 0x20)) {
        problems.add("redirect off the site: " + Text.show(location, 100));
      }
    }
  }

  /** A 4xx is an RFC 9457 problem: its media type, its status, its code. */
  static void problem(Answer answer, List<String> problems) {
    String type = answer.headers("content-type").stream().findFirst().orElse("");
    if (!type.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
      problems.add("4xx with Content-Type '" + type + "'");
      return;
    }
    try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
      JsonObject json = reader.readObject();
      JsonValue status = json.get("status");
      if (!(status instanceof JsonNumber number) || number.intValue() != answer.status()) {
        problems.add("problem status " + status + " for HTTP " + answer.status());
      }
      if (!(json.get("code") instanceof JsonString code) || code.getString().isBlank()) {
        problems.add("problem without a code");
      }
    } catch (RuntimeException notJson) {
      problems.add("problem body is not a JSON object");
    }
  }

  /** What must be refused: no valid session, a bad CSRF token, a non-admin on admin routes. */
  static void refusals(
      Endpoint e, Input input, Request request, int status, List<String> problems) {
    WhoKind who = input.who().kind();
    boolean refused = status >= 400;
    boolean declared = input.method().equals(e.method()) && !dotted(input.pathValue());
    if (who == WhoKind.VICTIM && !refused) {
      problems.add(
          "accepted with the victim's cookie but without its CSRF token (" + status + ")");
    }
    boolean noSession =
        who == WhoKind.NO_COOKIE
            || who == WhoKind.FORGED
            || who == WhoKind.GARBAGE
            || who == WhoKind.ROTATED
            || who == WhoKind.LOGGED_OUT;
    boolean needsSession = e.access() == Access.SESSION || e.access() == Access.ADMIN;
    if (noSession && needsSession && declared && !refused) {
      problems.add("accepted without a valid session (" + status + ")");
    }
    boolean ordinaryUser = who == WhoKind.ATTACKER || who == WhoKind.ATTACKER_WITH_JUNK;
    if (ordinaryUser && e.access() == Access.ADMIN && declared && !refused) {
      problems.add("an ordinary user was allowed an admin route (" + status + ")");
    }
    boolean signedIn = ordinaryUser || who == WhoKind.ADMIN;
    boolean csrfRequired =
        !e.odoo() && !input.method().equals("GET") && !e.label().equals("POST /api/session");
    if (signedIn && csrfRequired && declared && !request.ownCsrf() && !refused) {
      problems.add(
          "an unsafe request without the right CSRF token was accepted (" + status + ")");
    }
  }

  static boolean dotted(String pathValue) {
    if (pathValue == null) {
      return false;
    }
    String lower = pathValue.toLowerCase(Locale.ROOT);
    return lower.equals(".")
        || lower.equals("..")
        || lower.contains("%2e")
        || lower.contains("%2f")
        || lower.contains("%5c")
        || lower.contains("%c0%ae")
        || lower.contains("%3b")
        || lower.contains(";")
        || lower.isEmpty();
  }

  static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
