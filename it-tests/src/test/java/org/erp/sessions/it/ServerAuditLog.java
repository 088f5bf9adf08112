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
 * The audit lines ({@code org.erp.sessions.audit}) of the single test server, which names
 * sessions and devices by salted hash only. The server runs with a known salt ({@code
 * erp.log.session-salt} in arquillian.xml), so a test can compute the names.
 */
final class ServerAuditLog {

  private static final byte[] SALT = "audit-test-salt".getBytes(StandardCharsets.UTF_8);
  static final Path LOG =
      Path.of(System.getProperty("erp.server-logs", "target/server-logs"), "single", "server.log");

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
    try {
      return Files.readAllLines(LOG, StandardCharsets.UTF_8).stream()
          .filter(line -> line.contains("org.erp.sessions.audit"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the single server logged about the session of this cookie, for the message of a test
   * that got an unexpected 401 (why the session ended); empty where there is no such log (a
   * cluster test's nodes log elsewhere).
   */
  static String about(String cookieValue) {
    if (cookieValue == null || !Files.isReadable(LOG)) {
      return "";
    }
    String name = sessionName(cookieValue);
    List<String> about = lines().stream().filter(line -> line.contains(name)).toList();
    return "\nthe server's audit lines about session " + name + ":\n" + String.join("\n", about)
        + (about.isEmpty() ? "" : warningsSince(about.get(0)));
  }

  /**
   * The server's WARN and ERROR lines from the time of this log line on (at most 20), which may
   * tell why a session ended that should not have.
   */
  private static String warningsSince(String firstLine) {
    if (firstLine.length() < TIMESTAMP_LENGTH) {
      return "";
    }
    String since = firstLine.substring(0, TIMESTAMP_LENGTH);
    try {
      List<String> warnings =
          Files.readAllLines(LOG, StandardCharsets.UTF_8).stream()
              .filter(line -> line.length() >= TIMESTAMP_LENGTH)
              .filter(line -> line.substring(0, TIMESTAMP_LENGTH).compareTo(since) >= 0)
              .filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
              .limit(20)
              .toList();
      return warnings.isEmpty()
          ? "\nno WARN or ERROR line in the server log since"
          : "\nthe server's WARN and ERROR lines since:\n" + String.join("\n", warnings);
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
