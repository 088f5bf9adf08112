package org.erp.sessions.domain.totp;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 TOTP as authenticator apps compute it: HMAC-SHA1 of the 30-second time step, truncated
 * dynamically (RFC 4226) to 6 digits. A code of the previous, current or next step is accepted
 * (clocks drift), but only of a step later than the last one used, so a code works once.
 */
public final class Totp {

  public static final int DIGITS = 6;
  public static final long STEP_SECONDS = 30;
  /** Steps accepted either side of the current one. */
  static final int WINDOW = 1;

  private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000,
    10_000_000, 100_000_000};

  private Totp() {}

  /** The time step of an instant (T in RFC 6238, with T0 = 0). */
  public static long step(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
  }

  /** The code of one step, {@code digits} long with leading zeros. */
  public static String code(byte[] secret, long step, int digits) {
    byte[] hash = hmacSha1(secret, ByteBuffer.allocate(Long.BYTES).putLong(step).array());
    int offset = hash[hash.length - 1] & 0x0f;
    int binary =
        ((hash[offset] & 0x7f) << 24)
            | ((hash[offset + 1] & 0xff) << 16)
            | ((hash[offset + 2] & 0xff) << 8)
            | (hash[offset + 3] & 0xff);
    String code = Integer.toString(binary % POWERS[digits]);
    return "0".repeat(digits - code.length()) + code;
  }

  /**
   * The step whose code {@code sent} is, within the window around {@code now} and after {@code
   * lastUsedStep} (a code of a used step is a replay); empty if none. Compared in constant time.
   */
  public static OptionalLong matchingStep(
      byte[] secret, String sent, Instant now, long lastUsedStep) {
    if (sent == null || sent.length() != DIGITS || !sent.chars().allMatch(Character::isDigit)) {
      return OptionalLong.empty();
    }
    long current = step(now);
    OptionalLong found = OptionalLong.empty();
    for (long step = current - WINDOW; step <= current + WINDOW; step++) {
      boolean equal =
          MessageDigest.isEqual(
              code(secret, step, DIGITS).getBytes(StandardCharsets.US_ASCII),
              sent.getBytes(StandardCharsets.US_ASCII));
      if (equal && step > lastUsedStep && found.isEmpty()) {
        found = OptionalLong.of(step);
      }
    }
    return found;
  }

  private static byte[] hmacSha1(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
    }
  }
}
