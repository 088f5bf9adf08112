package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.engine.SourceOfRandomness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Property-based fuzzing of every JSON endpoint (API.md §1-§8) with random and malformed input:
 * bodies (random bytes, truncated JSON, wrong types, deep nesting, bodies over the 64 KiB limit,
 * control and non-ASCII characters, duplicate keys, extra fields), headers (Content-Type,
 * X-CSRF-Token, Accept), cookies (oversized, non-ASCII, too many, forged ids, the victim's id from
 * before its login rotated it, a logged-out id) and path parameters ('..', '%00', invalid UTF-8,
 * unicode, very long keys, random uids and device ids).
 *
 * <p>For every input: no 5xx; every 4xx is an RFC 9457 problem whose {@code status} is the HTTP
 * status, with a {@code code}; no answer carries a stack trace, a class name, SQL, the session id
 * or CSRF token sent, a password, or anything of the victim (another signed-in user); requests that
 * must be refused (no valid session, bad CSRF token, non-admin on admin routes) are; and the
 * victim's session (info, data, devices, cookie) is unchanged, compared every {@value #CHECK_EVERY}
 * inputs and after each endpoint.
 *
 * <p>Inputs come from jqwik arbitraries, sampled programmatically ({@code sampleStream()}): the
 * test runs as a plain Jupiter test inside the Arquillian lifecycle (jqwik's own engine is excluded
 * in the pom). Outside its engine jqwik samples from its per-thread source of randomness, {@link
 * SourceOfRandomness}, which is seeded here per endpoint from {@code -Dfuzz.seed} (printed with
 * every failure and in the report), and {@link #checkSeedingIsReproducible} makes sure that the
 * same seed gives the same inputs. {@code -Dfuzz.only=<endpoint label>} and {@code
 * -Dfuzz.scale=<factor>} narrow or widen a run, {@code -Dfuzz.verbose=true} prints every input with
 * its answer. Requests go through a raw socket client, so cookies and headers carry exactly the
 * bytes generated (a real client would refuse or re-encode some of them).
 *
 * <p>Out of scope: what the HTTP parser itself refuses before any application code runs (CR or LF
 * in a header value, raw non-ASCII, spaces or an invalid '%' escape in the request line): paths and
 * queries are always validly percent-encoded (any bytes, %00 and invalid UTF-8 included), and CR
 * and LF in generated header values become spaces.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FuzzedInputIT extends ApiTestBase {

  static final long SEED = Long.getLong("fuzz.seed", 20261127L);
  static final double SCALE = Double.parseDouble(System.getProperty("fuzz.scale", "1"));
  static final String ONLY = System.getProperty("fuzz.only", "");
  static final boolean VERBOSE = Boolean.getBoolean("fuzz.verbose");
  static final int CHECK_EVERY = 50;

  /** ErpConfig.MAX_BODY_BYTES (API.md §0: 64 KiB). */
  static final int MAX_BODY_BYTES = 64 * 1024;

  static final Path REPORT = Path.of("target", "fuzz-report.txt");

  private static World world;
  private static final Map<String, Tally> TALLIES = new LinkedHashMap<>();
  private static final List<String> FAILURES = new ArrayList<>();
  private static long started;

  // ---------------------------------------------------------------------------------------------
  // The endpoints

  /** Who may call an endpoint. */
  enum Access {
    /** No session needed (login, health, Odoo authenticate/version). */
    NONE,
    /** A session is used when there is one (logout, the Odoo session routes). */
    OPTIONAL,
    SESSION,
    ADMIN
  }

  enum Param {
    NONE,
    KEY,
    UID,
    DEVICE_ID,
    CONTEXT_QUERY,
    REDIRECT_QUERY
  }

  /** What a field of a request body holds when it is well typed. */
  enum Kind {
    LOGIN,
    PASSWORD,
    NAME,
    BOOL,
    INT_LIST,
    ANY,
    LANG,
    TZ,
    DB
  }

  record Field(String name, Kind kind) {}

  enum Schema {
    NONE(false),
    LOGIN(false, new Field("login", Kind.LOGIN), new Field("password", Kind.PASSWORD)),
    COMPANIES(false, new Field("allowed_company_ids", Kind.INT_LIST)),
    DATA_VALUE(false, new Field("value", Kind.ANY)),
    PREFERENCES(false, new Field("lang", Kind.LANG), new Field("tz", Kind.TZ)),
    PASSWORD_CHANGE(
        false,
        new Field("current_password", Kind.PASSWORD),
        new Field("new_password", Kind.PASSWORD)),
    NEW_USER(
        false,
        new Field("login", Kind.LOGIN),
        new Field("password", Kind.PASSWORD),
        new Field("name", Kind.NAME),
        new Field("is_admin", Kind.BOOL),
        new Field("company_ids", Kind.INT_LIST),
        new Field("lang", Kind.LANG),
        new Field("tz", Kind.TZ)),
    USER_CHANGES(
        false,
        new Field("active", Kind.BOOL),
        new Field("name", Kind.NAME),
        new Field("is_admin", Kind.BOOL),
        new Field("company_ids", Kind.INT_LIST)),
    ODOO_AUTH(
        true,
        new Field("db", Kind.DB),
        new Field("login", Kind.LOGIN),
        new Field("password", Kind.PASSWORD)),
    ODOO_CALL(true);

    final boolean jsonRpc;
    final List<Field> fields;

    Schema(boolean jsonRpc, Field... fields) {
      this.jsonRpc = jsonRpc;
      this.fields = List.of(fields);
    }
  }

  record Endpoint(
      String method,
      String template,
      Param param,
      Schema schema,
      Access access,
      boolean endsSession,
      int tries) {

    String label() {
      return method + " " + template;
    }

    boolean odoo() {
      return template.startsWith("/web/");
    }

    boolean takesBody() {
      return schema != Schema.NONE;
    }
  }

  static Endpoint ep(
      String method, String template, Param param, Schema schema, Access access, int tries) {
    return new Endpoint(method, template, param, schema, access, false, tries);
  }

  static Endpoint ending(
      String method, String template, Param param, Schema schema, Access access, int tries) {
    return new Endpoint(method, template, param, schema, access, true, tries);
  }

  // ---------------------------------------------------------------------------------------------
  // The tests: one per part of the API, in a fixed order

  /**
   * Inputs that this test once found failing (and the fixes they led to), sent first whatever the
   * seed: a corpus of past failures, so that they stay fixed.
   */
  @Test
  @Order(0)
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
    Tally tally = TALLIES.computeIfAbsent("inputs that once failed", label -> new Tally());
    tally.seed = SEED;
    long start = System.nanoTime();
    int before = FAILURES.size();
    Deque<String> sent = new ArrayDeque<>();
    for (int i = 0; i < known.size(); i++) {
      String where = "known input #" + (i + 1) + " " + known.get(i).getKey().label();
      send(known.get(i).getKey(), known.get(i).getValue(), where, tally);
      sent.add(where);
    }
    checkVictim("after the known inputs", sent, tally);
    tally.millis += (System.nanoTime() - start) / 1_000_000;
    assertEquals(
        0,
        FAILURES.size() - before,
        () -> String.join("\n", FAILURES.subList(before, FAILURES.size())));
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

  @Test
  @Order(1)
  void sessionLoginContextAndCompanies() {
    fuzz(
        ep("POST", "/api/session", Param.NONE, Schema.LOGIN, Access.NONE, 120),
        ep("GET", "/api/session", Param.NONE, Schema.NONE, Access.SESSION, 120),
        ending("DELETE", "/api/session", Param.NONE, Schema.NONE, Access.OPTIONAL, 80),
        ep("GET", "/api/session/check", Param.NONE, Schema.NONE, Access.SESSION, 100),
        ep("PUT", "/api/session/companies", Param.NONE, Schema.COMPANIES, Access.SESSION, 200),
        ep("GET", "/api/context", Param.CONTEXT_QUERY, Schema.NONE, Access.SESSION, 120),
        ep("GET", "/api/health", Param.NONE, Schema.NONE, Access.NONE, 60));
  }

  @Test
  @Order(2)
  void sessionData() {
    fuzz(
        ep("GET", "/api/session/data", Param.NONE, Schema.NONE, Access.SESSION, 100),
        ep("DELETE", "/api/session/data", Param.NONE, Schema.NONE, Access.SESSION, 100),
        ep("GET", "/api/session/data/{key}", Param.KEY, Schema.NONE, Access.SESSION, 150),
        ep("PUT", "/api/session/data/{key}", Param.KEY, Schema.DATA_VALUE, Access.SESSION, 300),
        ep("DELETE", "/api/session/data/{key}", Param.KEY, Schema.NONE, Access.SESSION, 120));
  }

  @Test
  @Order(3)
  void preferencesAndPassword() {
    fuzz(
        ep("PATCH", "/api/me/preferences", Param.NONE, Schema.PREFERENCES, Access.SESSION, 200),
        ep("PUT", "/api/me/password", Param.NONE, Schema.PASSWORD_CHANGE, Access.SESSION, 120));
  }

  @Test
  @Order(4)
  void devices() {
    fuzz(
        ep("GET", "/api/session/devices", Param.NONE, Schema.NONE, Access.SESSION, 80),
        ep("DELETE", "/api/session/devices", Param.NONE, Schema.NONE, Access.SESSION, 80),
        ep(
            "DELETE",
            "/api/session/devices/{id}",
            Param.DEVICE_ID,
            Schema.NONE,
            Access.SESSION,
            150));
  }

  @Test
  @Order(5)
  void administration() {
    fuzz(
        ep("POST", "/api/admin/users", Param.NONE, Schema.NEW_USER, Access.ADMIN, 250),
        ep("GET", "/api/admin/users/{uid}", Param.UID, Schema.NONE, Access.ADMIN, 120),
        ep("PATCH", "/api/admin/users/{uid}", Param.UID, Schema.USER_CHANGES, Access.ADMIN, 250),
        ep("GET", "/api/admin/users/{uid}/sessions", Param.UID, Schema.NONE, Access.ADMIN, 100),
        ep("DELETE", "/api/admin/users/{uid}/sessions", Param.UID, Schema.NONE, Access.ADMIN, 100),
        ep("DELETE", "/api/admin/sessions/{id}", Param.DEVICE_ID, Schema.NONE, Access.ADMIN, 120),
        ep("GET", "/api/admin/cluster", Param.NONE, Schema.NONE, Access.ADMIN, 60));
  }

  @Test
  @Order(6)
  void odooJsonRpc() {
    fuzz(
        ep("POST", "/web/session/authenticate", Param.NONE, Schema.ODOO_AUTH, Access.NONE, 150),
        ep(
            "POST",
            "/web/session/get_session_info",
            Param.NONE,
            Schema.ODOO_CALL,
            Access.OPTIONAL,
            150),
        ep("POST", "/web/session/check", Param.NONE, Schema.ODOO_CALL, Access.OPTIONAL, 150),
        ending("POST", "/web/session/destroy", Param.NONE, Schema.ODOO_CALL, Access.OPTIONAL, 80),
        ending(
            "GET", "/web/session/logout", Param.REDIRECT_QUERY, Schema.NONE, Access.OPTIONAL, 80),
        ep("POST", "/web/webclient/version_info", Param.NONE, Schema.ODOO_CALL, Access.NONE, 100));
  }

  // ---------------------------------------------------------------------------------------------
  // Set-up and report

  @BeforeAll
  static void setUp() {
    started = System.nanoTime();
    world = World.create();
    System.out.println(
        "FuzzedInputIT: seed "
            + SEED
            + " (-Dfuzz.seed), scale "
            + SCALE
            + ", victim uid "
            + world.victimUid);
    checkSeedingIsReproducible();
  }

  @AfterAll
  static void report() throws IOException {
    List<String> lines = new ArrayList<>();
    if (world != null) {
      // The victim after everything: still signed in, nothing changed.
      world.checkVictim("end of run", FAILURES);
    }
    int inputs = 0;
    for (Map.Entry<String, Tally> entry : TALLIES.entrySet()) {
      Tally tally = entry.getValue();
      inputs += tally.inputs;
      lines.add(
          String.format(
              Locale.ROOT,
              "  %-40s %5d inputs, %3d failures, %5.1f s, seed %d, statuses %s",
              entry.getKey(),
              tally.inputs,
              tally.failures,
              tally.millis / 1000.0,
              tally.seed,
              tally.statuses));
    }
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    String total =
        "FuzzedInputIT: "
            + inputs
            + " inputs, "
            + FAILURES.size()
            + " failures, seed "
            + SEED
            + ", "
            + TALLIES.keySet().stream().filter(label -> label.contains(" /")).count()
            + " endpoints, "
            + seconds
            + " s";
    lines.add(total);
    if (!FAILURES.isEmpty()) {
      lines.add("Failures (at most 100 shown):");
      FAILURES.stream().limit(100).forEach(f -> lines.add("  " + f));
    }
    lines.forEach(System.out::println);
    Files.createDirectories(REPORT.getParent());
    Files.write(REPORT, lines, StandardCharsets.UTF_8);
    assertEquals(0, FAILURES.size(), "failed inputs, see " + REPORT.toAbsolutePath());
  }

  /** The seed only means something if the same seed gives the same inputs: checked, not assumed. */
  private static void checkSeedingIsReproducible() {
    Endpoint probe =
        ep("PUT", "/api/session/data/{key}", Param.KEY, Schema.DATA_VALUE, Access.SESSION, 1);
    List<String> first = sample(probe, SEED, 30).stream().map(Input::describe).toList();
    List<String> second = sample(probe, SEED, 30).stream().map(Input::describe).toList();
    assertEquals(first, second, "jqwik sampling with a fixed seed must be reproducible");
  }

  static List<Input> sample(Endpoint endpoint, long seed, int count) {
    SourceOfRandomness.create(Long.toString(seed));
    return Generators.inputs(endpoint).sampleStream().limit(count).toList();
  }

  // ---------------------------------------------------------------------------------------------
  // The fuzz loop

  private static void fuzz(Endpoint... endpoints) {
    int before = FAILURES.size();
    for (Endpoint endpoint : endpoints) {
      if (!ONLY.isEmpty() && !endpoint.label().equals(ONLY)) {
        continue;
      }
      fuzz(endpoint);
    }
    int added = FAILURES.size() - before;
    assertEquals(
        0,
        added,
        () ->
            added
                + " failing inputs, for example:\n  "
                + String.join(
                    "\n  ", FAILURES.subList(before, Math.min(FAILURES.size(), before + 5))));
  }

  private static void fuzz(Endpoint endpoint) {
    long seed = SEED * 1_000_003L + endpoint.label().hashCode();
    int tries = Math.max(1, (int) Math.round(endpoint.tries() * SCALE));
    Tally tally = TALLIES.computeIfAbsent(endpoint.label(), label -> new Tally());
    tally.seed = seed;
    long start = System.nanoTime();
    Deque<String> sinceLastCheck = new ArrayDeque<>();
    SourceOfRandomness.create(Long.toString(seed));
    Iterator<Input> inputs = Generators.inputs(endpoint).sampleStream().limit(tries).iterator();
    int index = 0;
    while (inputs.hasNext()) {
      Input input = inputs.next();
      index++;
      String where = endpoint.label() + " #" + index + " (seed " + seed + ")";
      send(endpoint, input, where, tally);
      sinceLastCheck.add(where + " " + input.describe());
      if (index % CHECK_EVERY == 0 || !inputs.hasNext()) {
        checkVictim(where, sinceLastCheck, tally);
      }
    }
    tally.millis += (System.nanoTime() - start) / 1_000_000;
  }

  /** Sends one input and checks the properties of its answer. */
  private static void send(Endpoint endpoint, Input input, String where, Tally tally) {
    Request request = world.resolve(endpoint, input);
    Answer answer = Raw.exchange(request);
    world.afterAnswer(input.who().kind(), answer);
    List<String> problems = new ArrayList<>();
    Properties.check(endpoint, input, request, answer, world, problems);
    tally.count(answer == null ? "none" : Integer.toString(answer.status()));
    if (VERBOSE) {
      System.out.println(
          where + " " + input.describe() + " -> " + (answer == null ? "none" : answer.summary()));
    }
    if (!problems.isEmpty()) {
      tally.failures++;
      FAILURES.add(
          where
              + ": "
              + String.join("; ", problems)
              + " <- "
              + input.describe()
              + " -> "
              + (answer == null ? "no answer" : answer.summary()));
    }
  }

  private static void checkVictim(String where, Deque<String> sinceLastCheck, Tally tally) {
    List<String> changed = new ArrayList<>();
    world.checkVictim(where, changed);
    if (!changed.isEmpty()) {
      tally.failures++;
      FAILURES.add(
          where
              + ": "
              + String.join("; ", changed)
              + " after one of these "
              + sinceLastCheck.size()
              + " inputs: "
              + String.join(" | ", sinceLastCheck));
    }
    sinceLastCheck.clear();
  }

  static final class Tally {
    int inputs;
    int failures;
    long seed;
    long millis;
    final Map<String, Integer> statuses = new TreeMap<>();

    void count(String status) {
      inputs++;
      statuses.merge(status, 1, Integer::sum);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // One generated input, still symbolic: the principals' ids and tokens are filled in when sent

  enum WhoKind {
    /** A second, ordinary user's own valid session. */
    ATTACKER,
    /** The attacker's valid session cookie next to junk cookies. */
    ATTACKER_WITH_JUNK,
    /** An administrator's valid session (admin endpoints only). */
    ADMIN,
    NO_COOKIE,
    /** A random id, or the victim's id with a character changed. */
    FORGED,
    /** A malformed Cookie header: oversized, non-ASCII, control characters, too many cookies. */
    GARBAGE,
    /** The victim's session id from before its last login rotated it. */
    ROTATED,
    /** A session id of the victim's user that was logged out. */
    LOGGED_OUT,
    /** The victim's valid cookie without its CSRF token: every such request must be refused. */
    VICTIM
  }

  /**
   * Who sends the request; {@code cookie} is the generated cookie text for the kinds that need one.
   */
  record Who(WhoKind kind, String cookie) {}

  enum CsrfKind {
    OWN,
    MISSING,
    GARBAGE,
    VICTIMS,
    ATTACKERS,
    OWN_MANGLED
  }

  record Csrf(CsrfKind kind, String text) {}

  record Body(byte[] bytes, boolean chunked, List<String> passwords, String strategy) {}

  record Input(
      Who who,
      String method,
      String pathValue,
      Csrf csrf,
      String contentType,
      String accept,
      Body body) {

    String describe() {
      return who.kind()
          + (who.cookie() == null ? "" : "[" + Text.show(who.cookie(), 60) + "]")
          + " "
          + method
          + " param="
          + (pathValue == null ? "-" : Text.show(pathValue, 80))
          + " csrf="
          + csrf.kind()
          + (csrf.text() == null ? "" : "[" + Text.show(csrf.text(), 40) + "]")
          + " ct="
          + (contentType == null ? "-" : Text.show(contentType, 50))
          + " accept="
          + (accept == null ? "-" : Text.show(accept, 40))
          + (body == null
              ? " no body"
              : " body("
                  + body.strategy()
                  + ", "
                  + body.bytes().length
                  + " bytes"
                  + (body.chunked() ? ", chunked" : "")
                  + ")="
                  + Text.show(new String(body.bytes(), StandardCharsets.UTF_8), 120));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Generators (jqwik arbitraries)

  static final class Generators {

    static final List<String> LANGS = List.of("en_US", "fr_FR", "de_DE", "nl_BE", "es_ES");
    static final List<String> ZONES =
        List.of("UTC", "Europe/Brussels", "Europe/Paris", "America/New_York", "Asia/Kolkata");

    /** Passwords the generators never produce, so that no random login ever succeeds. */
    static final List<String> KNOWN_PASSWORDS = List.of("admin", "demo", "portal", PASSWORD);

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

    static String manyCookies(int n) {
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

  // ---------------------------------------------------------------------------------------------
  // The world: the victim, the attacker, an administrator, and what must never leak

  static final class World {

    ApiClient victim;
    String victimLogin;
    String victimName;
    String victimPassword;
    int victimUid;
    String victimDeviceId;
    String rotatedId;
    String loggedOutId;
    List<String> victimMarkers;
    String baseline;

    ApiClient attacker;
    String attackerLogin;
    ApiClient admin;
    int sacrificialUid;

    static World create() {
      World world = new World();
      world.admin = admin();
      String tag = UUID.randomUUID().toString().substring(0, 8);

      world.victimLogin = uniqueLogin("fuzz-victim");
      world.victimName = "Victim " + tag;
      world.victimPassword = "victim-pw-" + UUID.randomUUID();
      world.victimUid =
          world
              .admin
              .post(
                  "/api/admin/users",
                  "{\"login\":"
                      + ApiClient.quote(world.victimLogin)
                      + ",\"password\":"
                      + ApiClient.quote(world.victimPassword)
                      + ",\"name\":"
                      + ApiClient.quote(world.victimName)
                      + ",\"company_ids\":[1,2],\"lang\":\"en_US\",\"tz\":\"Europe/Brussels\"}")
              .expect(201)
              .json()
              .getInt("uid");

      // The victim signs in twice from one browser: the second login rotates the id, and the
      // first id (the "pre-login" id of the second login) must be dead.
      world.victim = new ApiClient().as("Mozilla/5.0 (X11; Linux x86_64) Victim");
      world.victim.signIn(world.victimLogin, world.victimPassword);
      world.rotatedId = world.victim.sessionId();
      world.victim.signIn(world.victimLogin, world.victimPassword);
      assertNotEquals(world.rotatedId, world.victim.sessionId(), "a new id at login");
      world.victimMarkers =
          List.of("victim-marker-" + UUID.randomUUID(), "victim-marker-" + UUID.randomUUID());
      world
          .victim
          .put(
              "/api/session/data/note",
              "{\"value\":{\"text\":" + ApiClient.quote(world.victimMarkers.get(0)) + "}}")
          .expect(204);
      world
          .victim
          .put(
              "/api/session/data/wizard.step",
              "{\"value\":[3," + ApiClient.quote(world.victimMarkers.get(1)) + "]}")
          .expect(204);
      world.victim.put("/api/session/companies", "{\"allowed_company_ids\":[2,1]}").expect(200);
      JsonArray devices =
          world.victim.get("/api/session/devices").expect(200).jsonValue().asJsonArray();
      world.victimDeviceId =
          devices.getValuesAs(JsonObject.class).stream()
              .filter(d -> d.getBoolean("current"))
              .map(d -> d.getString("id"))
              .findFirst()
              .orElseThrow();

      // Another session of the victim's user, logged out.
      ApiClient other = new ApiClient();
      other.signIn(world.victimLogin, world.victimPassword);
      world.loggedOutId = other.sessionId();
      other.delete("/api/session").expect(204);

      world.attackerLogin = createUser("fuzz-attacker");
      world.attacker = new ApiClient();
      world.attacker.signIn(world.attackerLogin, PASSWORD);
      world.sacrificialUid =
          new ApiClient().signIn(createUser("fuzz-changed"), PASSWORD).getInt("uid");

      world.baseline = world.snapshot();
      assertTrue(world.baseline.contains(world.victimMarkers.get(0)), world.baseline);
      return world;
    }

    /**
     * The victim's session as it must stay: info (without the activity times), data, devices,
     * cookie.
     */
    String snapshot() {
      ApiClient.Response info = victim.get("/api/session");
      if (info.status() != 200) {
        return "GET /api/session answered " + info.status() + " " + info.body();
      }
      JsonObject json = info.json();
      JsonObject session = json.getJsonObject("session");
      JsonObject stable =
          Json.createObjectBuilder(json)
              .add(
                  "session",
                  Json.createObjectBuilder(session)
                      .remove("last_activity_at")
                      .remove("idle_expires_at"))
              .build();
      ApiClient.Response data = victim.get("/api/session/data");
      ApiClient.Response devices = victim.get("/api/session/devices");
      String deviceIds =
          devices.status() != 200
              ? "devices answered " + devices.status()
              : devices.jsonValue().asJsonArray().getValuesAs(JsonObject.class).stream()
                  .map(d -> d.getString("id") + (d.getBoolean("current") ? "*" : ""))
                  .sorted()
                  .collect(Collectors.joining(","));
      return "cookie="
          + victim.sessionId()
          + " info="
          + stable
          + " data="
          + data.status()
          + " "
          + data.body()
          + " devices="
          + deviceIds;
    }

    void checkVictim(String where, List<String> problems) {
      String now = snapshot();
      if (!now.equals(baseline)) {
        problems.add(
            "the victim's session changed (at "
                + where
                + "): was "
                + Text.show(baseline, 400)
                + " now "
                + Text.show(now, 400));
        baseline = now;
      }
    }

    /** Fills in the ids and tokens of a symbolic input. */
    Request resolve(Endpoint endpoint, Input input) {
      WhoKind kind = input.who().kind();
      if ((kind == WhoKind.ATTACKER || kind == WhoKind.ATTACKER_WITH_JUNK)
          && attacker.sessionId() == null) {
        attacker.signIn(attackerLogin, PASSWORD);
      }
      if (kind == WhoKind.ADMIN && admin.sessionId() == null) {
        admin.signIn("admin", "admin");
      }
      String cookie =
          switch (kind) {
            case ATTACKER -> "session_id=" + attacker.sessionId();
            case ATTACKER_WITH_JUNK ->
                input.who().cookie().startsWith("; ")
                    ? "session_id=" + attacker.sessionId() + input.who().cookie()
                    : input.who().cookie() + "; session_id=" + attacker.sessionId();
            case ADMIN -> "session_id=" + admin.sessionId();
            case NO_COOKIE -> null;
            case FORGED -> "session_id=" + forged(input.who().cookie());
            case GARBAGE -> input.who().cookie();
            case ROTATED -> "session_id=" + rotatedId;
            case LOGGED_OUT -> "session_id=" + loggedOutId;
            case VICTIM -> "session_id=" + victim.sessionId();
          };
      String own =
          switch (kind) {
            case ATTACKER, ATTACKER_WITH_JUNK -> attacker.csrfToken();
            case ADMIN -> admin.csrfToken();
            default -> victim.csrfToken();
          };
      String csrf =
          switch (input.csrf().kind()) {
            case OWN -> own;
            case MISSING -> null;
            case GARBAGE -> input.csrf().text();
            case VICTIMS -> victim.csrfToken();
            case ATTACKERS -> attacker.csrfToken();
            case OWN_MANGLED -> mangle(own, input.csrf().text());
          };
      String path = endpoint.template();
      String value = input.pathValue();
      if (value != null) {
        value = value.replace("@sacrificial", Integer.toString(sacrificialUid));
        path =
            switch (endpoint.param()) {
              case KEY -> path.replace("{key}", value);
              case UID -> path.replace("{uid}", value);
              case DEVICE_ID -> path.replace("{id}", value);
              case CONTEXT_QUERY, REDIRECT_QUERY -> path + value;
              case NONE -> path;
            };
      }
      cookie = Text.headerValue(cookie);
      csrf = Text.headerValue(csrf);
      List<String[]> headers = new ArrayList<>();
      headers.add(new String[] {"User-Agent", "FuzzedInputIT"});
      if (cookie != null) {
        headers.add(new String[] {"Cookie", cookie});
      }
      if (csrf != null) {
        headers.add(new String[] {"X-CSRF-Token", csrf});
      }
      if (input.contentType() != null) {
        headers.add(new String[] {"Content-Type", Text.headerValue(input.contentType())});
      }
      if (input.accept() != null) {
        headers.add(new String[] {"Accept", Text.headerValue(input.accept())});
      }
      Body body = input.body();
      return new Request(
          input.method(),
          path,
          headers,
          body == null ? null : body.bytes(),
          body != null && body.chunked(),
          cookie,
          csrf,
          signedIn(kind) ? own : null,
          csrf != null
              && own != null
              && csrf.replaceAll("^[ \\t]+|[ \\t]+$", "").equals(own)
              && signedIn(kind));
    }

    static boolean signedIn(WhoKind kind) {
      return kind == WhoKind.ATTACKER
          || kind == WhoKind.ATTACKER_WITH_JUNK
          || kind == WhoKind.ADMIN;
    }

    private String forged(String generated) {
      if (!generated.startsWith("@victim-mutated:")) {
        return generated;
      }
      String id = victim.sessionId();
      int dot = id.indexOf('.');
      int secretLength = dot < 0 ? id.length() : dot;
      int at = Integer.parseInt(generated.substring("@victim-mutated:".length())) % secretLength;
      char c = id.charAt(at);
      char replacement = c == 'A' ? 'B' : 'A';
      return id.substring(0, at) + replacement + id.substring(at + 1);
    }

    private static String mangle(String token, String op) {
      if (token == null) {
        return "x";
      }
      return switch (op) {
        case "append" -> token + "x";
        case "prepend" -> "x" + token;
        case "truncate" -> token.substring(0, token.length() - 1);
        case "upper" ->
            token.toUpperCase(Locale.ROOT).equals(token)
                ? token.toLowerCase(Locale.ROOT)
                : token.toUpperCase(Locale.ROOT);
        case "flip" -> (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1);
        default -> token.substring(0, 1) + " " + token.substring(1);
      };
    }

    /** Keeps the attacker's and the admin's cookies as a browser would. */
    void afterAnswer(WhoKind kind, Answer answer) {
      ApiClient client =
          kind == WhoKind.ATTACKER || kind == WhoKind.ATTACKER_WITH_JUNK
              ? attacker
              : kind == WhoKind.ADMIN ? admin : null;
      if (client == null || answer == null) {
        return;
      }
      for (String cookie : answer.headers("set-cookie")) {
        if (cookie.startsWith(ApiClient.COOKIE + "=")) {
          String value = cookie.substring(ApiClient.COOKIE.length() + 1).split(";", 2)[0];
          String lower = cookie.toLowerCase(Locale.ROOT);
          // The container also expires an invalidated session's cookie (Expires in 1970).
          boolean cleared =
              value.isEmpty() || lower.contains("max-age=0") || lower.contains("1970");
          client.useSessionId(cleared ? null : value);
        }
      }
      if (answer.status() == 401 && answer.body().contains("not_authenticated")) {
        client.useSessionId(null);
      }
    }

    /** Text that no answer may contain, whoever asked. */
    Map<String, String> secrets() {
      Map<String, String> secrets = new LinkedHashMap<>();
      secrets.put("the victim's session id", secretPart(victim.sessionId()));
      secrets.put("the victim's rotated session id", secretPart(rotatedId));
      secrets.put("the logged-out session id", secretPart(loggedOutId));
      secrets.put("the victim's CSRF token", victim.csrfToken());
      secrets.put("the victim's device id", victimDeviceId);
      secrets.put("the victim's login", victimLogin);
      secrets.put("the victim's name", victimName);
      secrets.put("the victim's password", victimPassword);
      secrets.put("the victim's session data", victimMarkers.get(0));
      secrets.put("the victim's session data (2)", victimMarkers.get(1));
      secrets.put("a test password", PASSWORD);
      if (attacker.sessionId() != null) {
        secrets.put("the attacker's session id", secretPart(attacker.sessionId()));
      }
      if (admin.sessionId() != null) {
        secrets.put("the admin's session id", secretPart(admin.sessionId()));
      }
      return secrets;
    }

    static String secretPart(String sessionId) {
      int dot = sessionId.indexOf('.');
      return dot < 0 ? sessionId : sessionId.substring(0, dot);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The properties

  static final class Properties {

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

  // ---------------------------------------------------------------------------------------------
  // A raw HTTP/1.1 client: sends exactly the bytes generated

  record Request(
      String method,
      String target,
      List<String[]> headers,
      byte[] body,
      boolean chunked,
      String cookie,
      String csrf,
      String ownToken,
      boolean ownCsrf) {

    String bodyText() {
      return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    /**
     * What an answer may legitimately echo back (a key, a field name, a login), decoded several
     * ways: the path and the body. Not the headers: the cookie and the token must never come back.
     */
    String text() {
      StringBuilder text =
          new StringBuilder(target).append('\n').append(Text.percentDecode(target)).append('\n');
      String bodyText = bodyText();
      text.append(bodyText).append('\n').append(Text.jsonUnescape(bodyText));
      return text.toString();
    }
  }

  record Answer(int status, Map<String, List<String>> headerMap, String body, String error) {

    List<String> headers(String name) {
      return headerMap.getOrDefault(name, List.of());
    }

    String summary() {
      return status + " " + headers("content-type") + " " + Text.show(body, 300);
    }
  }

  static final class Raw {

    private static final URI BASE = URI.create(ApiClient.BASE);

    static Answer exchange(Request request) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ascii(out, request.method() + " " + request.target() + " HTTP/1.1\r\n");
      ascii(out, "Host: " + BASE.getHost() + ":" + BASE.getPort() + "\r\nConnection: close\r\n");
      for (String[] header : request.headers()) {
        out.writeBytes((header[0] + ": " + header[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
      }
      byte[] body = request.body();
      if (body != null && request.chunked()) {
        ascii(out, "Transfer-Encoding: chunked\r\n\r\n");
        for (int at = 0; at < body.length; at += 8192) {
          int length = Math.min(8192, body.length - at);
          ascii(out, Integer.toHexString(length) + "\r\n");
          out.write(body, at, length);
          ascii(out, "\r\n");
        }
        ascii(out, "0\r\n\r\n");
      } else if (body != null) {
        ascii(out, "Content-Length: " + body.length + "\r\n\r\n");
        out.writeBytes(body);
      } else {
        ascii(out, request.method().equals("GET") ? "\r\n" : "Content-Length: 0\r\n\r\n");
      }
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      String error = null;
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(BASE.getHost(), BASE.getPort()), 10_000);
        socket.setSoTimeout(30_000);
        try {
          OutputStream stream = socket.getOutputStream();
          stream.write(out.toByteArray());
          stream.flush();
        } catch (IOException writeFailed) {
          // The server may answer (413) and close before reading a large body: read the answer.
          error = "write: " + writeFailed;
        }
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[16384];
        for (int n; (n = in.read(buffer)) >= 0; ) {
          received.write(buffer, 0, n);
        }
      } catch (IOException e) {
        error = (error == null ? "" : error + ", ") + "read: " + e;
      }
      return parse(received.toByteArray(), error);
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
      out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Answer parse(byte[] bytes, String error) {
      int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
      if (end < 0) {
        return new Answer(
            0,
            Map.of(),
            "",
            error == null ? "incomplete answer (" + bytes.length + " bytes)" : error);
      }
      String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
      String[] statusLine = lines[0].split(" ", 3);
      int status;
      try {
        status = Integer.parseInt(statusLine[1]);
      } catch (RuntimeException e) {
        return new Answer(0, Map.of(), "", "bad status line " + lines[0]);
      }
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers
              .computeIfAbsent(
                  lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                  k -> new ArrayList<>())
              .add(lines[i].substring(colon + 1).trim());
        }
      }
      byte[] rest = Arrays.copyOfRange(bytes, end + 4, bytes.length);
      boolean chunked =
          headers.getOrDefault("transfer-encoding", List.of()).stream()
              .anyMatch(v -> v.equalsIgnoreCase("chunked"));
      byte[] body = chunked ? dechunk(rest) : rest;
      List<String> length = headers.getOrDefault("content-length", List.of());
      if (!chunked && !length.isEmpty()) {
        int n = Integer.parseInt(length.get(0));
        body = Arrays.copyOf(rest, Math.min(n, rest.length));
      }
      return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), error);
    }

    private static byte[] dechunk(byte[] bytes) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int at = 0;
      while (at < bytes.length) {
        int lineEnd = indexOf(bytes, "\r\n".getBytes(StandardCharsets.ISO_8859_1), at);
        if (lineEnd < 0) {
          break;
        }
        String sizeText =
            new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
        int size = Integer.parseInt(sizeText, 16);
        if (size == 0) {
          break;
        }
        out.write(bytes, lineEnd + 2, Math.min(size, bytes.length - lineEnd - 2));
        at = lineEnd + 2 + size + 2;
      }
      return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte[] part, int from) {
      outer:
      for (int i = from; i <= bytes.length - part.length; i++) {
        for (int j = 0; j < part.length; j++) {
          if (bytes[i + j] != part[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Text helpers

  static final class Text {

    /** A JSON string literal: quotes, backslashes, controls and surrogates escaped. */
    static String quote(String text) {
      StringBuilder out = new StringBuilder("\"");
      for (char c : text.toCharArray()) {
        if (c == '"' || c == '\\') {
          out.append('\\').append(c);
        } else if (c < 0x20 || Character.isSurrogate(c)) {
          out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
      return out.append('"').toString();
    }

    /** A path segment: every byte of the UTF-8 text outside [A-Za-z0-9_.-~] percent-encoded. */
    static String encodeSegment(String text) {
      StringBuilder out = new StringBuilder();
      for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
        int c = b & 0xff;
        if ((c >= 'a' && c <= 'z')
            || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9')
            || "_.-~".indexOf(c) >= 0) {
          out.append((char) c);
        } else {
          out.append(String.format(Locale.ROOT, "%%%02X", c));
        }
      }
      return out.toString();
    }

    static String encodeQuery(String text) {
      return encodeSegment(text);
    }

    static String percentDecode(String text) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '%'
            && i + 2 < text.length()
            && isHex(text.charAt(i + 1))
            && isHex(text.charAt(i + 2))) {
          out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
          i += 2;
        } else {
          out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        }
      }
      return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
      return Character.digit(c, 16) >= 0;
    }

    /** JSON escapes resolved (\\uXXXX, \\n, ...), leniently: what a server would echo. */
    static String jsonUnescape(String text) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c != '\\' || i + 1 >= text.length()) {
          out.append(c);
          continue;
        }
        char next = text.charAt(++i);
        switch (next) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            if (i + 4 < text.length()
                && text.substring(i + 1, i + 5)
                    .chars()
                    .allMatch(h -> Character.digit(h, 16) >= 0)) {
              out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
              i += 4;
            } else {
              out.append("\\u");
            }
          }
          default -> out.append(next);
        }
      }
      return out.toString();
    }

    /** CR and LF would end the header (the HTTP parser's business): they become spaces. */
    static String headerValue(String text) {
      return text == null ? null : text.replace('\r', ' ').replace('\n', ' ');
    }

    /** Printable, bounded: for failure messages. */
    static String show(String text, int max) {
      if (text == null) {
        return "null";
      }
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < text.length() && out.length() < max; i++) {
        char c = text.charAt(i);
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.isSurrogate(c)) {
          out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
      return text.length() > max ? out + "…(" + text.length() + " chars)" : out.toString();
    }
  }
}
