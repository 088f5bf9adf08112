package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs after every other integration test of the build (its own surefire execution): no server
 * log of the run may hold a session id, CSRF token or password that the tests used, nor a control
 * character that request input put there.
 */
class ServerLogScanIT {

  /** Shorter secrets (the demo passwords "admin", "demo") are ordinary words in any log. */
  static final int MIN_SECRET_LENGTH = 8;

  /** Session ids and CSRF tokens are made of these; a log would show them as such a run. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-]{16,}");

  /** What a log line may not hold: C0 controls but the tab, and DEL (lines end with \n). */
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f]");

  @Test
  void noServerLogHoldsASessionIdPasswordOrCsrfTokenTheTestsUsed() throws IOException {
    Map<String, String> tokens = new HashMap<>();
    Map<String, String> passwords = new HashMap<>();
    for (String[] used : UsedSecrets.all()) {
      String kind = used[0];
      // A cookie value may end with ".<route>", the node it sticks to: the id is what is secret.
      String secret = kind.equals("session id") ? used[1].split("\\.", 2)[0] : used[1];
      if (secret.length() < MIN_SECRET_LENGTH) {
        continue;
      }
      (TOKEN.matcher(secret).matches() ? tokens : passwords).put(secret, kind);
    }
    assertTrue(tokens.size() > 50, "the tests recorded the session ids they used: " + tokens.size());

    List<Path> files = serverLogs();
    List<String> hits = scan(files, tokens, passwords);
    System.out.printf(
        "Scanned %d lines in %d server logs for %d session ids/CSRF tokens and %d passwords: %d hits%n",
        lines(files), files.size(), tokens.size(), passwords.size(), hits.size());
    assertTrue(hits.isEmpty(), "secrets in the server logs: " + hits);
  }

  /**
   * The fuzz test sends control characters in headers that WildFly quotes in its warnings; the
   * server's log formatter escapes them (SessionIdHidingFormatter), so request input cannot add a
   * line of its own or recolour a terminal. Also proves that the server logs through it.
   */
  @Test
  void noServerLogLineHoldsAControlCharacterFromRequestInput() throws IOException {
    List<String> hits = new ArrayList<>();
    for (Path file : serverLogs()) {
      if (!file.getFileName().toString().startsWith("server.log")) {
        continue; // audit.log is the management audit log, JSON written by WildFly
      }
      String[] lines = Files.readString(file, StandardCharsets.ISO_8859_1).split("\n", -1);
      for (int n = 0; n < lines.length; n++) {
        if (CONTROL.matcher(lines[n]).find()) {
          hits.add(file.getParent().getFileName() + "/" + file.getFileName() + " line " + (n + 1));
        }
      }
    }
    assertEquals(List.of(), hits.subList(0, Math.min(10, hits.size())), hits.size() + " lines");
  }

  private static List<Path> serverLogs() throws IOException {
    Path logs = Path.of(System.getProperty("erp.server-logs", "target/server-logs"));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(logs)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertTrue(!files.isEmpty(), "server logs of this run under " + logs);
    return files;
  }

  @Test
  void theScanFindsAnIdGluedToOtherCharactersAndAPasswordInALine(@TempDir Path dir) throws IOException {
    String id = "Xq3m9kQhU2pZ7wR1tY5nB8vC0dF4gH6jK_L-aS2e";
    Path log = dir.resolve("server.log");
    Files.writeString(
        log,
        "INFO nothing here\nWARN key SessionKey(x" + id + ".node1) expired\nDEBUG body {\"password\":\"correct horse\"}\n");
    List<String> hits =
        scan(List.of(log), Map.of(id, "session id"), Map.of("correct horse", "password"));
    assertEquals(List.of("session id in server.log line 2", "password in server.log line 3"), hits);
  }

  private static long lines(List<Path> files) throws IOException {
    long lines = 0;
    for (Path file : files) {
      try (Stream<String> content = Files.lines(file, StandardCharsets.ISO_8859_1)) {
        lines += content.count();
      }
    }
    return lines;
  }

  /** Where the secrets occur: "kind in file line n", never the secret itself. */
  static List<String> scan(List<Path> files, Map<String, String> tokens, Map<String, String> passwords)
      throws IOException {
    Set<Integer> lengths = new TreeSet<>();
    tokens.keySet().forEach(token -> lengths.add(token.length()));
    List<String> hits = new ArrayList<>();
    for (Path file : files) {
      List<String> content = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
      for (int n = 0; n < content.size(); n++) {
        String line = new String(content.get(n).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        Matcher token = TOKEN.matcher(line);
        while (token.find()) {
          String run = token.group();
          // Every window of a secret's length: an id glued to other characters still counts.
          for (int length : lengths) {
            for (int at = 0; at + length <= run.length(); at++) {
              String kind = tokens.get(run.substring(at, at + length));
              if (kind != null) {
                hits.add(kind + " in " + file.getFileName() + " line " + (n + 1));
              }
            }
          }
        }
        for (Map.Entry<String, String> password : passwords.entrySet()) {
          if (line.contains(password.getKey())) {
            hits.add(password.getValue() + " in " + file.getFileName() + " line " + (n + 1));
          }
        }
      }
    }
    return hits;
  }
}
