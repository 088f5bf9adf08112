package org.erp.sessions.it.fuzz;

import static org.erp.sessions.it.ApiTestBase.PASSWORD;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.erp.sessions.it.fuzz.Input.Body;
import org.erp.sessions.it.fuzz.Input.Csrf;
import org.erp.sessions.it.fuzz.Input.CsrfKind;
import org.erp.sessions.it.fuzz.Input.Who;
import org.erp.sessions.it.fuzz.Input.WhoKind;
import org.erp.sessions.it.fuzz.Schema.Field;
import org.erp.sessions.it.fuzz.Schema.Kind;

/**
 * The jqwik arbitraries every input is sampled from: who sends it, its method, headers, path
 * parameter and body, for one endpoint.
 */
public final class Generators {

  /** ErpConfig.MAX_BODY_BYTES (API.md §0: 64 KiB). */
  static final int MAX_BODY_BYTES = 64 * 1024;

  static final List<String> LANGS = List.of("en_US", "fr_FR", "de_DE", "nl_BE", "es_ES");
  static final List<String> ZONES =
      List.of("UTC", "Europe/Brussels", "Europe/Paris", "America/New_York", "Asia/Kolkata");

  /** Passwords the generators never produce, so that no random login ever succeeds. */
  static final List<String> KNOWN_PASSWORDS = List.of("admin", "demo", "portal", PASSWORD);

  private Generators() {}

  static Arbitrary<Input> inputs(Endpoint e) {
    return who(e).flatMap(who -> forWho(e, who));
  }

  private static boolean unsafe(String method) {
    return !method.equals("GET");
  }

  static Arbitrary<Who> who(Endpoint e) {
    boolean unsafe = unsafe(e.method());
    boolean admin = e.access() == Access.ADMIN;
    // Each input that ends the attacker's session costs a new login (a slow password hash).
    int attacker = e.endsSession() ? 5 : admin ? 15 : 40;
    List<Tuple.Tuple2<Integer, Arbitrary<Who>>> choices = new ArrayList<>();
    choices.add(Tuple.of(attacker, Arbitraries.just(new Who(WhoKind.ATTACKER, null))));
    choices.add(
        Tuple.of(4, junkCookies().map(junk -> new Who(WhoKind.ATTACKER_WITH_JUNK, junk))));
    if (admin) {
      choices.add(Tuple.of(40, Arbitraries.just(new Who(WhoKind.ADMIN, null))));
    }
    choices.add(Tuple.of(8, Arbitraries.just(new Who(WhoKind.NO_COOKIE, null))));
    choices.add(Tuple.of(8, forgedId().map(id -> new Who(WhoKind.FORGED, id))));
    choices.add(
        Tuple.of(8, garbageCookieHeader().map(header -> new Who(WhoKind.GARBAGE, header))));
    choices.add(Tuple.of(7, Arbitraries.just(new Who(WhoKind.ROTATED, null))));
    choices.add(Tuple.of(6, Arbitraries.just(new Who(WhoKind.LOGGED_OUT, null))));
    if (unsafe) {
      choices.add(Tuple.of(15, Arbitraries.just(new Who(WhoKind.VICTIM, null))));
    }
    return Arbitraries.frequencyOf(choices);
  }

  static Arbitrary<Input> forWho(Endpoint e, Who who) {
    boolean victim = who.kind() == WhoKind.VICTIM;
    // The victim's cookie only goes with requests that must be refused: the declared (unsafe)
    // method without a valid CSRF token, and for the Odoo routes (which check the media type
    // instead of the token) a body that is not declared as JSON.
    Arbitrary<String> method =
        victim
            ? Arbitraries.just(e.method())
            : Arbitraries.frequency(
                Tuple.of(92, e.method()),
                Tuple.of(2, "GET"),
                Tuple.of(2, "POST"),
                Tuple.of(2, "PUT"),
                Tuple.of(1, "PATCH"),
                Tuple.of(1, "DELETE"));
    Arbitrary<Csrf> csrf = victim ? badCsrf() : csrf();
    Arbitrary<String> contentType =
        victim && e.odoo()
            ? refusedContentType()
            : e.takesBody() ? contentType() : rareContentType();
    Arbitrary<Body> body = e.takesBody() ? body(e.schema()) : rareBody();
    Arbitrary<Input> anyHeaders =
        Combinators.combine(method, pathValue(e.param()), csrf, contentType, accept(), body)
            .as((m, path, token, ct, acc, b) -> new Input(who, m, path, token, ct, acc, b));
    if (victim) {
      return anyHeaders;
    }
    // Most inputs get the headers a frontend sends, so that they reach the body and the
    // parameters (a garbage header is refused before those are looked at).
    Arbitrary<Input> frontendHeaders =
        Combinators.combine(
                pathValue(e.param()),
                Arbitraries.of("application/json", "*/*").injectNull(0.5),
                body)
            .as(
                (path, acc, b) ->
                    new Input(
                        who,
                        e.method(),
                        path,
                        new Csrf(CsrfKind.OWN, null),
                        b == null ? null : "application/json",
                        acc,
                        b));
    return Arbitraries.frequencyOf(Tuple.of(55, frontendHeaders), Tuple.of(45, anyHeaders));
  }

  // --- principals ---

  static Arbitrary<String> forgedId() {
    Arbitrary<String> base64 =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .withChars('-', '_')
            .ofMinLength(1)
            .ofMaxLength(64);
    return Arbitraries.frequencyOf(
        Tuple.of(4, base64),
        Tuple.of(3, base64.map(id -> id + ".node1")),
        // Symbolic: the victim's current id with one character of its secret part changed.
        Tuple.of(3, Arbitraries.integers().between(0, 20).map(i -> "@victim-mutated:" + i)),
        Tuple.of(1, Arbitraries.of("", ".node1", "null", "undefined", "0", "..", "%00")),
        Tuple.of(1, longRun(200, 4000).map(n -> "A".repeat(n))));
  }

  static Arbitrary<String> junkCookies() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, unicodeText(1, 10).map(s -> "; junk=" + s)),
        Tuple.of(1, controlText(1, 5).map(s -> "; junk=a" + s)),
        Tuple.of(1, Arbitraries.integers().between(1, 250).map(n -> manyCookies(n))),
        Tuple.of(
            1,
            Arbitraries.of("; session_id=forged", "; session_id=", "; =x", "; ;;", "; $Path=/")));
  }

  static Arbitrary<String> garbageCookieHeader() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, longRun(4_000, 40_000).map(n -> "session_id=" + "x".repeat(n))),
        Tuple.of(3, unicodeText(1, 40).map(s -> "session_id=" + s)),
        Tuple.of(2, controlText(1, 10).map(s -> "session_id=ab" + s + "cd")),
        Tuple.of(
            2,
            Arbitraries.integers().between(150, 400).map(n -> manyCookies(n) + "; session_id=x")),
        Tuple.of(2, headerText(0, 80)),
        Tuple.of(
            2,
            Arbitraries.of(
                "session_id",
                "session_id=",
                "=",
                ";;;;",
                "session_id=\"quoted\"",
                "session_id=\"unterminated",
                "session_id=a b c",
                "session_id=a,b",
                "$Version=1; session_id=x; $Path=/",
                "session_id=x; session_id=y",
                "SESSION_ID=x",
                "session_id==x",
                "\tsession_id = x ",
                "session_id=é",
                "session_id=\u00ff\u00fe",
                "session_id=\u0001")));
  }

  public static String manyCookies(int n) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
      text.append(i == 0 ? "" : "; ").append('c').append(i).append("=v").append(i);
    }
    return text.toString();
  }

  // --- headers ---

  static Arbitrary<Csrf> csrf() {
    return Arbitraries.frequencyOf(
        Tuple.of(70, Arbitraries.just(new Csrf(CsrfKind.OWN, null))), Tuple.of(30, badCsrf()));
  }

  static Arbitrary<Csrf> badCsrf() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just(new Csrf(CsrfKind.MISSING, null))),
        Tuple.of(3, headerText(0, 80).map(t -> new Csrf(CsrfKind.GARBAGE, t))),
        Tuple.of(2, longRun(8_000, 60_000).map(n -> new Csrf(CsrfKind.GARBAGE, "t".repeat(n)))),
        Tuple.of(2, unicodeText(1, 40).map(t -> new Csrf(CsrfKind.GARBAGE, t))),
        Tuple.of(2, Arbitraries.just(new Csrf(CsrfKind.ATTACKERS, null))),
        Tuple.of(
            3,
            Arbitraries.of("append", "prepend", "truncate", "upper", "flip", "inner space")
                .map(op -> new Csrf(CsrfKind.OWN_MANGLED, op))));
  }

  static Arbitrary<String> contentType() {
    return Arbitraries.frequencyOf(
        Tuple.of(70, Arbitraries.just("application/json")),
        Tuple.of(
            4,
            Arbitraries.of(
                "application/json; charset=utf-8",
                "application/json;charset=UTF-8",
                "APPLICATION/JSON",
                "application/json; charset=iso-8859-1",
                "application/json; charset=nonsense",
                "application/json;;;",
                "application/json; boundary=x; q=0.5")),
        Tuple.of(5, Arbitraries.just((String) null)),
        Tuple.of(8, refusedContentType()),
        Tuple.of(
            3,
            Arbitraries.of(
                "*/*",
                "application/*",
                "application/problem+json",
                "application/json-patch+json",
                "",
                "json",
                "application/",
                "/json",
                "application/json/extra",
                "a/b/c")),
        Tuple.of(4, headerText(1, 60)),
        Tuple.of(2, unicodeText(1, 20)),
        Tuple.of(1, longRun(2_000, 20_000).map(n -> "application/json; x=" + "y".repeat(n))));
  }

  /** Content types that are not JSON: the Odoo routes (no CSRF token) must refuse them. */
  static Arbitrary<String> refusedContentType() {
    return Arbitraries.of(
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "text/html",
            "application/xml",
            "application/octet-stream",
            "text/plain; charset=utf-8")
        .injectNull(0.2);
  }

  static Arbitrary<String> rareContentType() {
    return Arbitraries.frequencyOf(
        Tuple.of(85, Arbitraries.just((String) null)), Tuple.of(15, contentType()));
  }

  static Arbitrary<String> accept() {
    return Arbitraries.frequencyOf(
        Tuple.of(50, Arbitraries.just((String) null)),
        Tuple.of(20, Arbitraries.just("application/json")),
        Tuple.of(
            10,
            Arbitraries.of(
                "*/*",
                "text/html",
                "application/xml",
                "application/problem+json",
                "image/png",
                "application/json;q=0",
                "text/*, application/*;q=0.1",
                "*/*;q=abc",
                "application/json;q=2",
                "",
                ",",
                ";;;",
                "application",
                "text/html;level=1;q=0.7, */*;q=0.1")),
        Tuple.of(5, headerText(1, 60)),
        Tuple.of(3, unicodeText(1, 20)),
        Tuple.of(
            1, longRun(2_000, 20_000).map(n -> "application/json, " + "x/y, ".repeat(n / 6))));
  }

  // --- path parameters ---

  static Arbitrary<String> pathValue(Param param) {
    return switch (param) {
      case NONE -> Arbitraries.just(null);
      case KEY -> key();
      case UID -> uid();
      case DEVICE_ID -> deviceId();
      case CONTEXT_QUERY -> contextQuery();
      case REDIRECT_QUERY -> redirectQuery();
    };
  }

  /** A path segment, already percent-encoded (so that it reaches the application). */
  static Arbitrary<String> key() {
    Arbitrary<String> valid =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .withChars('_', '.', '-')
            .ofMinLength(1)
            .ofMaxLength(64);
    return Arbitraries.frequencyOf(
        Tuple.of(30, valid),
        Tuple.of(
            6,
            Arbitraries.of(
                "password",
                "userPassword",
                "csrf_token",
                "api_key",
                "IBAN",
                "my.secret",
                "cvv2")),
        Tuple.of(15, unicodeText(1, 30).map(Text::encodeSegment)),
        Tuple.of(10, bytesPercentEncoded(1, 20)),
        Tuple.of(
            8,
            Arbitraries.of(
                "..",
                ".",
                "%2e%2e",
                "%2E",
                "%00",
                "a%00b",
                "%2F",
                "a%2Fb",
                "a%5Cb",
                "%C0%AE%C0%AE",
                "%C0%80",
                "%FF%FE",
                "%ED%A0%80",
                "%EF%BF%BF",
                "%F0%9F%92%A9",
                "a;b=c",
                "%3B",
                "%25",
                "%25%32%65",
                "a%20b",
                "%0A",
                "%0D%0A",
                "%7F",
                "~",
                "*",
                "'",
                "%22",
                "%3C%3E")),
        Tuple.of(6, valid.map(k -> k + "x".repeat(65 - Math.min(64, k.length())))),
        Tuple.of(3, longRun(100, 6_000).map(n -> "k".repeat(n))));
  }

  static Arbitrary<String> uid() {
    return Arbitraries.frequencyOf(
        // Symbolic: the uid of the user created to be changed (never another real user).
        Tuple.of(30, Arbitraries.of("@sacrificial", "0@sacrificial", "00@sacrificial")),
        Tuple.of(
            20, Arbitraries.integers().between(100_000_000, 999_999_999).map(String::valueOf)),
        Tuple.of(
            8, Arbitraries.longs().between(1_000_000_000L, Long.MAX_VALUE).map(String::valueOf)),
        Tuple.of(
            10,
            Arbitraries.of(
                "0",
                "-1",
                "-2",
                "+2",
                "1e3",
                "0x10",
                "2.0",
                "%32",
                "..",
                ".",
                "%00",
                "NaN",
                "99999999999999999999999",
                "1%20",
                "%201",
                "%EF%BC%92",
                "٢",
                "%D9%A2")),
        Tuple.of(8, unicodeText(1, 20).map(Text::encodeSegment)),
        Tuple.of(4, bytesPercentEncoded(1, 10)),
        Tuple.of(2, longRun(100, 5_000).map(n -> "9".repeat(n))));
  }

  static Arbitrary<String> deviceId() {
    Arbitrary<String> handle =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .withChars('-', '_')
            .ofLength(24);
    return Arbitraries.frequencyOf(
        Tuple.of(30, handle),
        Tuple.of(10, unicodeText(1, 30).map(Text::encodeSegment)),
        Tuple.of(6, bytesPercentEncoded(1, 20)),
        Tuple.of(
            8,
            Arbitraries.of(
                "..",
                ".",
                "%00",
                "%2F",
                "a%2Fb",
                "null",
                "undefined",
                "%27%20OR%20%271%27%3D%271",
                "*",
                "%25",
                "%C0%80",
                "%FF",
                "0")),
        Tuple.of(3, longRun(33, 6_000).map(n -> "d".repeat(n))));
  }

  static Arbitrary<String> contextQuery() {
    Arbitrary<String> lang =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.of(LANGS)),
            Tuple.of(2, unicodeText(0, 20).map(Text::encodeQuery)),
            Tuple.of(1, bytesPercentEncoded(1, 10)),
            Tuple.of(1, Arbitraries.of("%25", "en_US%00", "EN_us", "en-US", "")));
    Arbitrary<String> tz =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.of(ZONES).map(Text::encodeQuery)),
            Tuple.of(2, unicodeText(0, 30).map(Text::encodeQuery)),
            Tuple.of(1, bytesPercentEncoded(1, 10)),
            Tuple.of(
                1,
                Arbitraries.of(
                    "%2B02:00", "GMT%2B1", "..%2F..%2Fetc%2Fpasswd", "Europe%2F", "Z")));
    return Combinators.combine(
            lang.injectNull(0.3), tz.injectNull(0.3), Arbitraries.of("&", "&&", "&lang=x&"))
        .as(
            (l, t, sep) ->
                "?" + (l == null ? "" : "lang=" + l) + sep + (t == null ? "" : "tz=" + t));
  }

  static Arbitrary<String> redirectQuery() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just("")),
        Tuple.of(
            6,
            Arbitraries.of(
                    "/",
                    "/web",
                    "//evil.example",
                    "///evil.example",
                    "/\\evil.example",
                    "\\\\evil",
                    "http://evil.example/",
                    "https:evil.example",
                    "javascript:alert(1)",
                    "/%0d%0aSet-Cookie:x=y",
                    "/ok?a=b",
                    "/..//evil",
                    " /x",
                    "/\t/evil",
                    "//",
                    "")
                .map(r -> "?redirect=" + Text.encodeQuery(r))),
        Tuple.of(4, unicodeText(0, 40).map(r -> "?redirect=" + Text.encodeQuery(r))),
        Tuple.of(2, bytesPercentEncoded(1, 20).map(r -> "?redirect=" + r)),
        Tuple.of(
            1, Arbitraries.of("?redirect=%25", "?redirect", "?=x&redirect=/a&redirect=//b")));
  }

  // --- bodies ---

  static Arbitrary<Body> rareBody() {
    return Arbitraries.frequencyOf(
        Tuple.of(85, Arbitraries.just((Body) null)),
        Tuple.of(10, anyJson(3).map(json -> body(json, "unexpected json"))),
        Tuple.of(5, randomBytes()));
  }

  static Arbitrary<Body> body(Schema schema) {
    Arbitrary<Members> wellTyped = members(schema.fields, true);
    Arbitrary<Members> wrongTypes = members(schema.fields, false);
    Function<Members, String> asBody = m -> schema.jsonRpc ? envelope(m.json()) : m.json();
    Arbitrary<Body> structured =
        Arbitraries.frequencyOf(
            Tuple.of(35, wellTyped.map(m -> body(asBody.apply(m), "well typed", m.passwords()))),
            Tuple.of(
                12, wrongTypes.map(m -> body(asBody.apply(m), "wrong types", m.passwords()))),
            Tuple.of(
                6,
                Combinators.combine(wellTyped, extraMembers())
                    .as(
                        (m, extra) -> {
                          Members all = m.plus(extra);
                          return body(asBody.apply(all), "extra fields", all.passwords());
                        })),
            Tuple.of(
                6,
                Combinators.combine(wellTyped, wellTyped)
                    .as(
                        (a, b) -> {
                          Members twice = a.plus(b);
                          return body(asBody.apply(twice), "duplicate keys", twice.passwords());
                        })),
            Tuple.of(
                6,
                Combinators.combine(wellTyped, Arbitraries.doubles().between(0, 1))
                    .as(
                        (m, cut) -> {
                          String full = asBody.apply(m);
                          int at =
                              Math.max(
                                  0, Math.min(full.length() - 1, (int) (full.length() * cut)));
                          return body(full.substring(0, at), "truncated", m.passwords());
                        })));
    Arbitrary<Body> envelopes =
        schema.jsonRpc ? odooEnvelopes(wellTyped) : Arbitraries.just(body("{}", "empty object"));
    return Arbitraries.frequencyOf(
            Tuple.of(65, structured),
            Tuple.of(schema.jsonRpc ? 10 : 1, envelopes),
            Tuple.of(6, anyJson(3).map(json -> body(json, "any json"))),
            Tuple.of(5, randomBytes()),
            Tuple.of(4, deeplyNested(schema)),
            Tuple.of(4, huge(schema)),
            Tuple.of(4, rawCharacters(schema)),
            Tuple.of(5, oddities()))
        .flatMap(
            b ->
                b == null
                    ? Arbitraries.just((Body) null)
                    : Arbitraries.frequency(Tuple.of(85, false), Tuple.of(15, true))
                        .map(
                            chunked ->
                                new Body(b.bytes(), chunked, b.passwords(), b.strategy())));
  }

  static Body body(String json, String strategy) {
    return body(json, strategy, List.of());
  }

  static Body body(String json, String strategy, List<String> passwords) {
    return new Body(json.getBytes(StandardCharsets.UTF_8), false, passwords, strategy);
  }

  /** Object members as JSON text, with the password values they hold. */
  record Members(List<String> members, List<String> passwords) {
    String json() {
      return "{" + String.join(",", members) + "}";
    }

    Members plus(Members other) {
      List<String> all = new ArrayList<>(members);
      all.addAll(other.members);
      List<String> secrets = new ArrayList<>(passwords);
      secrets.addAll(other.passwords);
      return new Members(all, secrets);
    }
  }

  record Member(String json, String password) {}

  static Arbitrary<Members> members(List<Field> fields, boolean wellTyped) {
    if (fields.isEmpty()) {
      return Arbitraries.just(new Members(List.of(), List.of()));
    }
    List<Arbitrary<Member>> each = new ArrayList<>();
    for (Field field : fields) {
      Arbitrary<Member> member =
          wellTyped
              ? value(field.kind())
                  .map(v -> new Member(Text.quote(field.name()) + ":" + v.json(), v.password()))
              : anyJson(2).map(v -> new Member(Text.quote(field.name()) + ":" + v, null));
      each.add(member.injectNull(wellTyped ? 0.1 : 0.3));
    }
    return Combinators.combine(each)
        .as(
            list -> {
              List<String> json = new ArrayList<>();
              List<String> passwords = new ArrayList<>();
              for (Member m : list) {
                if (m != null) {
                  json.add(m.json());
                  if (m.password() != null) {
                    passwords.add(m.password());
                  }
                }
              }
              return new Members(json, passwords);
            });
  }

  static Arbitrary<Members> extraMembers() {
    return Combinators.combine(
            Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12)),
                Tuple.of(1, unicodeText(0, 12)),
                Tuple.of(
                    1,
                    Arbitraries.of(
                        "uid", "is_admin", "csrf_token", "session_id", "__proto__", ""))),
            anyJson(2))
        .as((name, v) -> Text.quote(name) + ":" + v)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .map(list -> new Members(list, List.of()));
  }

  /** A well typed value: mostly plausible, sometimes at or over a limit. */
  static Arbitrary<Member> value(Kind kind) {
    return switch (kind) {
      case LOGIN ->
          Arbitraries.frequencyOf(
                  Tuple.of(
                      3, Arbitraries.of("admin", "demo", "portal", "nobody", "Admin", " admin ")),
                  Tuple.of(
                      4, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20)),
                  Tuple.of(2, unicodeText(0, 20)),
                  Tuple.of(1, longRun(65, 400).map(n -> "l".repeat(n))),
                  Tuple.of(
                      1,
                      Arbitraries.of(
                          "", " ", "\t", "admin' --", "admin\"; DROP TABLE erp_user; --")))
              .map(s -> new Member(Text.quote(s), null));
      case PASSWORD ->
          Arbitraries.frequencyOf(
                  Tuple.of(
                      4, Arbitraries.strings().alpha().numeric().ofMinLength(6).ofMaxLength(30)),
                  Tuple.of(2, unicodeText(6, 30)),
                  Tuple.of(1, Arbitraries.of("", " ", "short", "1234567")),
                  Tuple.of(1, longRun(200, 3_000).map(n -> "p".repeat(n - 1) + "!")))
              .filter(p -> !KNOWN_PASSWORDS.contains(p))
              .map(p -> new Member(Text.quote(p), p));
      case NAME ->
          Arbitraries.frequencyOf(
                  Tuple.of(4, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(30)),
                  Tuple.of(2, unicodeText(0, 40)),
                  Tuple.of(1, Arbitraries.integers().between(120, 140).map(n -> "n".repeat(n))),
                  Tuple.of(1, Arbitraries.of("", "   ", "<script>alert(1)</script>")))
              .map(s -> new Member(Text.quote(s), null));
      case BOOL -> Arbitraries.of("true", "false").map(s -> new Member(s, null));
      case INT_LIST ->
          Arbitraries.frequency(
                  Tuple.of(10, "1"),
                  Tuple.of(10, "2"),
                  Tuple.of(6, "3"),
                  Tuple.of(2, "0"),
                  Tuple.of(2, "-1"),
                  Tuple.of(2, "4"),
                  Tuple.of(1, "2147483647"),
                  Tuple.of(1, "2147483648"),
                  Tuple.of(1, "-2147483649"),
                  Tuple.of(1, "1.0"),
                  Tuple.of(1, "1e0"),
                  Tuple.of(1, "99999999999999999999"),
                  Tuple.of(1, "-0"),
                  Tuple.of(1, "1E+2147483648"),
                  Tuple.of(1, "1e99999999999"))
              .list()
              .ofMaxSize(5)
              .map(list -> new Member("[" + String.join(",", list) + "]", null));
      case ANY ->
          Arbitraries.frequencyOf(
                  Tuple.of(8, anyJson(3)),
                  Tuple.of(
                      2,
                      Arbitraries.integers()
                          .between(3_900, 4_200)
                          .map(n -> Text.quote("v".repeat(n)))))
              .map(s -> new Member(s, null));
      case LANG ->
          Arbitraries.frequencyOf(
                  Tuple.of(6, Arbitraries.of(LANGS)),
                  Tuple.of(2, unicodeText(0, 20)),
                  Tuple.of(
                      1,
                      Arbitraries.of(
                          "", "en", "EN_us", "en-US", "xx_XX", "en_US\u0000", "fr_FR ")))
              .map(s -> new Member(Text.quote(s), null));
      case TZ ->
          Arbitraries.frequencyOf(
                  Tuple.of(6, Arbitraries.of(ZONES)),
                  Tuple.of(2, unicodeText(0, 30)),
                  Tuple.of(
                      1,
                      Arbitraries.of(
                          "",
                          "+02:00",
                          "GMT+1",
                          "Etc/GMT-14",
                          "../../etc/passwd",
                          "Europe/",
                          "Z",
                          "utc")))
              .map(s -> new Member(Text.quote(s), null));
      case DB ->
          Arbitraries.frequencyOf(
                  Tuple.of(6, Arbitraries.just("erp")),
                  Tuple.of(2, Arbitraries.strings().alpha().ofMaxLength(10)),
                  Tuple.of(1, unicodeText(0, 10)))
              .map(s -> new Member(Text.quote(s), null));
    };
  }

  static String envelope(String params) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"params\":" + params + ",\"id\":1}";
  }

  /** The JSON-RPC envelope itself: odd ids, versions, methods, params of the wrong type. */
  static Arbitrary<Body> odooEnvelopes(Arbitrary<Members> params) {
    Arbitrary<String> id =
        Arbitraries.frequencyOf(
            Tuple.of(3, anyJson(2)),
            Tuple.of(
                1,
                Arbitraries.of(
                    "1e99999999999", "1E+2147483648", "-0", "1e400", "12345678901234567890123")));
    return Combinators.combine(
            params,
            anyJson(2),
            id,
            Arbitraries.of("\"2.0\"", "\"1.0\"", "2", "null", "[]"),
            Arbitraries.of("\"call\"", "\"execute\"", "1", "null"),
            Arbitraries.integers().between(0, 4))
        .as(
            (p, otherParams, idValue, version, method, shape) -> {
              String json =
                  switch (shape) {
                    case 0 ->
                        "{\"jsonrpc\":"
                            + version
                            + ",\"method\":"
                            + method
                            + ",\"params\":"
                            + p.json()
                            + ",\"id\":"
                            + idValue
                            + "}";
                    case 1 ->
                        "{\"jsonrpc\":\"2.0\",\"params\":"
                            + otherParams
                            + ",\"id\":"
                            + idValue
                            + "}";
                    case 2 -> "{\"params\":" + p.json() + "}";
                    case 3 ->
                        "{\"jsonrpc\":\"2.0\",\"id\":"
                            + idValue
                            + ",\"params\":"
                            + p.json()
                            + ",\"params\":"
                            + otherParams
                            + "}";
                    default -> "{\"id\":" + idValue + "}";
                  };
              return body(json, "json-rpc envelope", p.passwords());
            });
  }

  static Arbitrary<String> scalar() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, unicodeText(0, 20).map(Text::quote)),
        Tuple.of(3, Arbitraries.integers().map(String::valueOf)),
        Tuple.of(
            1,
            Arbitraries.bigIntegers()
                .between(
                    new java.math.BigInteger("-1" + "0".repeat(40)),
                    new java.math.BigInteger("1" + "0".repeat(40)))
                .map(String::valueOf)),
        Tuple.of(
            1, Arbitraries.doubles().map(d -> Double.isFinite(d) ? Double.toString(d) : "0.5")),
        Tuple.of(
            2,
            Arbitraries.of(
                "true",
                "false",
                "null",
                "0",
                "-0",
                "0.0",
                "1e400",
                "-1e-400",
                "1E+2147483648",
                "1e99999999999",
                "1e-99999999999",
                "123456789012345678901234567890.5",
                "\"\"",
                "\"\\u0000\"",
                "\"\\ud800\"",
                "\"\\udfff\\ud800\"",
                "\"\\uffff\"",
                "\"\\/\"")));
  }

  static Arbitrary<String> anyJson(int depth) {
    if (depth == 0) {
      return scalar();
    }
    Arbitrary<String> inner = anyJson(depth - 1);
    return Arbitraries.frequencyOf(
        Tuple.of(5, scalar()),
        Tuple.of(1, inner.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]")),
        Tuple.of(
            1,
            Combinators.combine(unicodeText(0, 8), inner)
                .as((k, v) -> Text.quote(k) + ":" + v)
                .list()
                .ofMaxSize(4)
                .map(members -> "{" + String.join(",", members) + "}")));
  }

  static Arbitrary<Body> randomBytes() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMaxSize(300)
        .map(bytes -> new Body(bytes, false, List.of(), "random bytes"));
  }

  static Arbitrary<Body> deeplyNested(Schema schema) {
    return Combinators.combine(
            Arbitraries.of(10, 500, 998, 999, 1000, 1001, 2000, 10_000, 30_000),
            Arbitraries.of("[", "{\"a\":"),
            Arbitraries.of(true, false))
        .as(
            (depth, open, closed) -> {
              String close = open.equals("[") ? "]" : "}";
              String nested = open.repeat(depth) + "1" + (closed ? close.repeat(depth) : "");
              String field =
                  schema.fields.isEmpty()
                      ? "x"
                      : schema.fields.get(schema.fields.size() - 1).name();
              String json =
                  schema.jsonRpc
                      ? envelope("{\"" + field + "\":" + nested + "}")
                      : schema.fields.isEmpty() ? nested : "{\"" + field + "\":" + nested + "}";
              return body(json, "nested " + depth + (closed ? "" : " unclosed"));
            });
  }

  /** Bodies around and over the 64 KiB limit, in a string field or as the whole body. */
  static Arbitrary<Body> huge(Schema schema) {
    return Combinators.combine(
            Arbitraries.frequencyOf(
                Tuple.of(
                    3, Arbitraries.integers().between(MAX_BODY_BYTES - 50, MAX_BODY_BYTES + 50)),
                Tuple.of(
                    3, Arbitraries.integers().between(MAX_BODY_BYTES + 1, 3 * MAX_BODY_BYTES))),
            Arbitraries.of("a", "é", "\u20ac", "\ud83d\udca9", "\\u0000"),
            Arbitraries.of(true, false))
        .as(
            (size, unit, inField) -> {
              String field = schema.fields.isEmpty() ? "x" : schema.fields.get(0).name();
              String prefix = inField ? "{\"" + field + "\":\"" : "[\"";
              String suffix = inField ? "\"}" : "\"]";
              int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
              int count = Math.max(0, (size - prefix.length() - suffix.length()) / unitBytes);
              return body(prefix + unit.repeat(count) + suffix, "huge ~" + size);
            });
  }

  /**
   * Raw control characters and non-ASCII text inside JSON strings (raw controls are invalid
   * JSON).
   */
  static Arbitrary<Body> rawCharacters(Schema schema) {
    return Combinators.combine(
            Arbitraries.strings().all().ofMinLength(1).ofMaxLength(30),
            Arbitraries.of(true, false))
        .as(
            (text, escaped) -> {
              String value = escaped ? Text.quote(text) : "\"" + text + "\"";
              String field = schema.fields.isEmpty() ? "x" : schema.fields.get(0).name();
              String json = "{\"" + field + "\":" + value + "}";
              return body(
                  schema.jsonRpc ? envelope(json) : json,
                  escaped ? "escaped chars" : "raw chars");
            });
  }

  static Arbitrary<Body> oddities() {
    return Arbitraries.of(
            "",
            " ",
            "\n\t ",
            "null",
            "true",
            "0",
            "\"\"",
            "[]",
            "{}",
            "{",
            "}",
            "[",
            "{\"",
            "{\"a\"",
            "{\"a\":}",
            "{\"a\":1,}",
            "{,}",
            "{'a':1}",
            "{a:1}",
            "{\"a\":1}{\"b\":2}",
            "{\"a\":1} x",
            "{\"a\":NaN}",
            "{\"a\":Infinity}",
            "{\"a\":-Infinity}",
            "{\"a\":01}",
            "{\"a\":+1}",
            "{\"a\":.5}",
            "{\"a\":1.}",
            "{\"a\":0x10}",
            "{\"a\":1} // comment",
            "/* c */ {}",
            "\ufeff{}",
            "\u0000",
            "{\"a\":\"\\x41\"}",
            "{\"a\":\"\\u12\"}",
            "{\"a\":\"\\\"}",
            "{\"a\":\"unterminated}",
            "{\"\\u0000\":1}",
            "{\"a\":tru}",
            "{\"a\":nul}")
        .map(text -> body(text, "odd json"));
  }

  // --- text helpers ---

  static Arbitrary<Integer> longRun(int min, int max) {
    return Arbitraries.integers().between(min, max);
  }

  /** Any BMP text: letters, CJK, emoji halves, controls, noncharacters. */
  static Arbitrary<String> unicodeText(int min, int max) {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.strings().all().ofMinLength(min).ofMaxLength(max)),
        Tuple.of(
            1,
            Arbitraries.strings()
                .withChars("éàüßñ€中文😀\u200b\u202e\ufeff")
                .ofMinLength(Math.max(min, 1))
                .ofMaxLength(Math.max(max, 1))),
        Tuple.of(1, Arbitraries.strings().ascii().ofMinLength(min).ofMaxLength(max)));
  }

  /** Control characters the HTTP parser lets through (everything below 0x20 but CR, LF, NUL). */
  static Arbitrary<String> controlText(int min, int max) {
    return Arbitraries.strings()
        .withCharRange('\u0001', '\u001f')
        .withChars('\u007f')
        .excludeChars('\r', '\n')
        .ofMinLength(min)
        .ofMaxLength(max);
  }

  /** Header text: printable ASCII with some controls and Latin-1, never CR, LF or NUL. */
  static Arbitrary<String> headerText(int min, int max) {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withCharRange('\u0001', '\u001f')
        .withCharRange('\u0080', '\u00ff')
        .excludeChars('\r', '\n')
        .ofMinLength(min)
        .ofMaxLength(max);
  }

  /** Random bytes, each percent-encoded: %00, invalid UTF-8 and all. */
  static Arbitrary<String> bytesPercentEncoded(int min, int max) {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMinSize(min)
        .ofMaxSize(max)
        .map(
            bytes -> {
              StringBuilder text = new StringBuilder();
              for (byte b : bytes) {
                text.append(String.format(Locale.ROOT, "%%%02X", b & 0xff));
              }
              return text.toString();
            });
  }
}
