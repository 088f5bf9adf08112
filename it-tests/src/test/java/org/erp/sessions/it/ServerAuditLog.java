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
    return "\nthe server's audit lines about session " + name + ":\n" + String.join("\n", about);
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
