package org.erp.sessions.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The audit lines ({@code org.erp.sessions.audit}) of the test servers, which name sessions and
 * devices by salted hash only. The servers run with a known salt ({@code erp.log.session-salt} in
 * arquillian.xml and arquillian-cluster.xml), so a test can compute the names.
 */
final class ServerAuditLog {

  private static final byte[] SALT = "audit-test-salt".getBytes(StandardCharsets.UTF_8);
  private static final Path LOGS = Path.of(System.getProperty("erp.server-logs", "target/server-logs"));
  static final Path LOG = LOGS.resolve("single").resolve("server.log");
  /** Every server this build starts: the single one, and the cluster's nodes. */
  private static final List<String> SERVERS = List.of("single", "node1", "node2");

  /** "2026-12-04 19:51:19,913": how each line of the server log begins. */
  private static final int TIMESTAMP_LENGTH = 23;

  private ServerAuditLog() {}

  /** The name the server logs for the session whose cookie holds this value. */
  static String sessionName(String cookieValue) {
    // The cookie carries the node's route after a '.', which is not part of the session's id.
    int route = cookieValue.indexOf('.');
    return "s:" + hmac(route < 0 ? cookieValue : cookieValue.substring(0, route));
  }

  static String deviceName(String deviceId) {
    return "d:" + hmac("device:" + deviceId);
  }

  static List<String> lines() {
    return lines(LOG);
  }

  private static List<String> lines(Path log) {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .filter(line -> line.contains("org.erp.sessions.audit"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the servers logged about the session of this cookie, for the message of a test that got
   * an unexpected 401 (why the session ended): each server's audit lines about it, and its
   * warnings since the first of them. Empty where no server logged (or a log is not readable).
   */
  static String about(String cookieValue) {
    if (cookieValue == null) {
      return "";
    }
    String name = sessionName(cookieValue);
    StringBuilder about = new StringBuilder();
    for (String server : SERVERS) {
      Path log = LOGS.resolve(server).resolve("server.log");
      if (!Files.isReadable(log)) {
        continue;
      }
      List<String> lines = lines(log).stream().filter(line -> line.contains(name)).toList();
      if (!lines.isEmpty() || server.equals("single")) {
        about.append("\nthe audit lines of ").append(server).append(" about session ").append(name)
            .append(":\n").append(String.join("\n", lines))
            .append(lines.isEmpty() ? "" : warningsSince(log, lines.get(0)));
      }
    }
    return about.toString();
  }

  /**
   * A server's WARN and ERROR lines from the time of this log line on (at most 20), which may
   * tell why a session ended that should not have.
   */
  private static String warningsSince(Path log, String firstLine) {
    if (firstLine.length() < TIMESTAMP_LENGTH) {
      return "";
    }
    String since = firstLine.substring(0, TIMESTAMP_LENGTH);
    try {
      List<String> warnings =
          Files.readAllLines(log, StandardCharsets.UTF_8).stream()
              .filter(line -> line.length() >= TIMESTAMP_LENGTH)
              .filter(line -> line.substring(0, TIMESTAMP_LENGTH).compareTo(since) >= 0)
              .filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
              .limit(20)
              .toList();
      return warnings.isEmpty()
          ? "\nno WARN or ERROR line in its log since"
          : "\nits WARN and ERROR lines since:\n" + String.join("\n", warnings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String hmac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SALT, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
