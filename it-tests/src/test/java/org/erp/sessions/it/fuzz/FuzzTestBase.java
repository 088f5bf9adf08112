package org.erp.sessions.it.fuzz;

import static org.erp.sessions.it.fuzz.FuzzReport.FAILURES;
import static org.erp.sessions.it.fuzz.FuzzReport.TALLIES;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.engine.SourceOfRandomness;
import org.erp.sessions.it.ApiTestBase;
import org.erp.sessions.it.fuzz.FuzzReport.Tally;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Property-based fuzzing of every JSON endpoint (API.md §1-§8) with random and malformed input:
 * bodies (random bytes, truncated JSON, wrong types, deep nesting, bodies over the 64 KiB limit,
 * control and non-ASCII characters, duplicate keys, extra fields), headers (Content-Type,
 * X-CSRF-Token, Accept), cookies (oversized, non-ASCII, too many, forged ids, the victim's id from
 * before its login rotated it, a logged-out id) and path parameters ('..', '%00', invalid UTF-8,
 * unicode, very long keys, random uids and device ids). The {@code Fuzzed*IT} classes call
 * {@link #fuzz} with the endpoints of each part of the API.
 *
 * <p>For every input: no 5xx; every 4xx is an RFC 9457 problem whose {@code status} is the HTTP
 * status, with a {@code code}; no answer carries a stack trace, a class name, SQL, the session id
 * or CSRF token sent, a password, or anything of the victim (another signed-in user); requests that
 * must be refused (no valid session, bad CSRF token, non-admin on admin routes) are; and the
 * victim's session (info, data, devices, cookie) is unchanged, compared every {@value
 * #CHECK_EVERY} inputs, after each endpoint and at the end of the class ({@link AnswerProperties},
 * {@link World}).
 *
 * <p>Inputs come from jqwik arbitraries ({@link Generators}), sampled programmatically ({@code
 * sampleStream()}): the tests run as plain Jupiter tests inside the Arquillian lifecycle (jqwik's
 * own engine is excluded in the pom). Outside its engine jqwik samples from its per-thread source
 * of randomness, {@link SourceOfRandomness}, which is seeded here per endpoint from {@code
 * -Dfuzz.seed} (printed with every failure and in the report), and {@link
 * #checkSeedingIsReproducible} makes sure that the same seed gives the same inputs. {@code
 * -Dfuzz.only=<endpoint label>} and {@code -Dfuzz.scale=<factor>} narrow or widen a run, {@code
 * -Dfuzz.verbose=true} prints every input with its answer. Requests go through a raw socket client
 * ({@link RawHttpClient}), so cookies and headers carry exactly the bytes generated (a real client
 * would refuse or re-encode some of them). All the classes of a run write one report, {@code
 * target/fuzz-report.txt} ({@link FuzzReport}).
 *
 * <p>Arquillian deploys the EAR anew for each test class (the server is started once for the
 * whole run), and a session need not survive a redeployment: so each class signs in its own
 * victim, attacker and administrator.
 *
 * <p>Out of scope: what the HTTP parser itself refuses before any application code runs (CR or LF
 * in a header value, raw non-ASCII, spaces or an invalid '%' escape in the request line): paths and
 * queries are always validly percent-encoded (any bytes, %00 and invalid UTF-8 included), and CR
 * and LF in generated header values become spaces.
 */
public abstract class FuzzTestBase extends ApiTestBase {

  static final long SEED = Long.getLong("fuzz.seed", 20261127L);
  static final double SCALE = Double.parseDouble(System.getProperty("fuzz.scale", "1"));
  static final String ONLY = System.getProperty("fuzz.only", "");
  static final boolean VERBOSE = Boolean.getBoolean("fuzz.verbose");
  static final int CHECK_EVERY = 50;

  /** The principals of the running test class (test classes run one after the other). */
  private static World world;

  private static String testClass;

  /** Failures of the test classes before this one: each class asserts only its own. */
  private static int failuresBefore;

  /** Names the running class in the output: static lifecycle methods cannot ask JUnit for it. */
  @RegisterExtension
  static final BeforeAllCallback REMEMBER_TEST_CLASS =
      context -> testClass = context.getRequiredTestClass().getSimpleName();

  // ---------------------------------------------------------------------------------------------
  // Set-up and report

  @BeforeAll
  protected static void setUpWorld() {
    FuzzReport.startOnce();
    world = World.create();
    System.out.println(
        testClass
            + ": seed "
            + SEED
            + " (-Dfuzz.seed), scale "
            + SCALE
            + ", victim uid "
            + world.victimUid);
    checkSeedingIsReproducible();
  }

  @AfterAll
  protected static void checkVictimAndReport() throws IOException {
    World finished = world;
    // Cleared so that a class whose set-up fails never checks the world of the class before.
    world = null;
    if (finished != null) {
      // The victim after everything: still signed in, nothing changed.
      finished.checkVictim("end of " + testClass, FAILURES);
    }
    FuzzReport.write(SEED);
    int own = FAILURES.size() - failuresBefore;
    failuresBefore = FAILURES.size();
    assertEquals(0, own, "failed inputs, see " + FuzzReport.FILE.toAbsolutePath());
  }

  /** The seed only means something if the same seed gives the same inputs: checked, not assumed. */
  private static void checkSeedingIsReproducible() {
    Endpoint probe =
        Endpoint.ep(
            "PUT", "/api/session/data/{key}", Param.KEY, Schema.DATA_VALUE, Access.SESSION, 1);
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

  /** Sends each endpoint its seeded inputs; fails if any of them broke a property. */
  protected static void fuzz(Endpoint... endpoints) {
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

  /**
   * Sends fixed inputs in their order, whatever the seed, under one line of the report, checks the
   * victim after the last; fails if any of them broke a property.
   */
  protected static void sendInOrder(String label, List<Map.Entry<Endpoint, Input>> known) {
    Tally tally = TALLIES.computeIfAbsent(label, l -> new Tally());
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

  /** Sends one input and checks the properties of its answer. */
  private static void send(Endpoint endpoint, Input input, String where, Tally tally) {
    Request request = world.resolve(endpoint, input);
    Answer answer = RawHttpClient.exchange(request);
    world.afterAnswer(input.who().kind(), answer);
    List<String> problems = new ArrayList<>();
    AnswerProperties.check(endpoint, input, request, answer, world, problems);
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
}
