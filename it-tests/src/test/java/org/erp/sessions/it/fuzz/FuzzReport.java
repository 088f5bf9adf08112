package org.erp.sessions.it.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the fuzz test classes sent and found, over the whole test JVM: they run one after the
 * other in one surefire execution, and each rewrites {@link #FILE} when it ends, so after the last
 * one the report covers them all.
 */
final class FuzzReport {

  static final Path FILE = Path.of("target", "fuzz-report.txt");

  /** One line of the report per endpoint (and one for the inputs that once failed). */
  static final Map<String, Tally> TALLIES = new LinkedHashMap<>();

  static final List<String> FAILURES = new ArrayList<>();

  private static long started;

  private FuzzReport() {}

  /** The run's time counts from the first fuzz test class. */
  static void startOnce() {
    if (started == 0) {
      started = System.nanoTime();
    }
  }

  static void write(long seed) throws IOException {
    List<String> lines = new ArrayList<>();
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
        "Fuzzed*IT: "
            + inputs
            + " inputs, "
            + FAILURES.size()
            + " failures, seed "
            + seed
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
    Files.createDirectories(FILE.getParent());
    Files.write(FILE, lines, StandardCharsets.UTF_8);
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
}
