package org.erp.sessions.domain.totp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A user's TOTP secret: 160 random bits (RFC 4226's recommended length for HMAC-SHA1), shown
 * once, at enrolment, as base32 and as an otpauth URI. {@link #toString} never shows it.
 */
public final class TotpSecret {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BYTES = 20;

  private final byte[] bytes;

  public TotpSecret(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  public static TotpSecret random() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return new TotpSecret(bytes);
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String base32() {
    return Base32.encode(bytes);
  }

  /** The Key Uri Format that authenticator apps read from the QR code. */
  public String otpauthUri(String issuer, String account) {
    String label = encode(issuer) + ":" + encode(account);
    return "otpauth://totp/" + label + "?secret=" + base32() + "&issuer=" + encode(issuer)
        + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TotpSecret secret && Arrays.equals(bytes, secret.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "TotpSecret[hidden]";
  }
}
