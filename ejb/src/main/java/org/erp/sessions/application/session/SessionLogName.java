package org.erp.sessions.application.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.erp.sessions.config.ErpConfig;

/**
 * How a log line names a session: a salted hash of its id (HMAC-SHA256, 64 bits shown), so logs
 * can follow one session without ever holding an id that would let a reader take it over.
 */
@ApplicationScoped
public class SessionLogName {

  private static final byte[] JVM_SALT = randomSalt();

  @Inject private ErpConfig config;

  public String of(String sessionId) {
    return name(salt(), sessionId);
  }

  /** A device handle, named like a session but apart from session names ({@code d:}). */
  public String ofDevice(String deviceId) {
    return "d:" + name(salt(), "device:" + deviceId).substring(2);
  }

  private byte[] salt() {
    String configured = config.logSessionSalt();
    return configured.isEmpty() ? JVM_SALT : configured.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] randomSalt() {
    byte[] salt = new byte[32];
    new SecureRandom().nextBytes(salt);
    return salt;
  }

  static String name(byte[] salt, String sessionId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt, "HmacSHA256"));
      byte[] hash = mac.doFinal(sessionId.getBytes(StandardCharsets.UTF_8));
      return "s:" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
