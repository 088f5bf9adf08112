package org.erp.sessions.domain.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.erp.sessions.core.RandomTokens;

/**
 * The format of an API key: {@code erp_<id>_<secret>}, the id being 16 hex digits (the public
 * lookup prefix, also the key's id in the API) and the secret 32 random bytes in base64url. Only
 * the SHA-256 of the whole key is kept: the key holds 256 random bits, so a fast hash is as good
 * as a slow one here, and it is compared in constant time.
 */
public final class ApiKeySecret {

  private static final String PREFIX = "erp_";
  private static final int ID_LENGTH = 16;
  private static final int SECRET_LENGTH = 43;
  private static final int KEY_LENGTH = PREFIX.length() + ID_LENGTH + 1 + SECRET_LENGTH;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeySecret() {}

  /** A new key: its id and the key in full (to be shown once). */
  public record NewKey(String id, String key) {}

  public static NewKey generate() {
    byte[] idBytes = new byte[ID_LENGTH / 2];
    RANDOM.nextBytes(idBytes);
    String id = HexFormat.of().formatHex(idBytes);
    return new NewKey(id, PREFIX + id + "_" + RandomTokens.newToken(32));
  }

  /** The id inside a text that has the shape of a key; empty for anything else. */
  public static Optional<String> idOf(String key) {
    if (key == null
        || key.length() != KEY_LENGTH
        || !key.startsWith(PREFIX)
        || key.charAt(PREFIX.length() + ID_LENGTH) != '_') {
      return Optional.empty();
    }
    String id = key.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH);
    String secret = key.substring(PREFIX.length() + ID_LENGTH + 1);
    return id.matches("[0-9a-f]{16}") && secret.matches("[A-Za-z0-9_-]{43}")
        ? Optional.of(id)
        : Optional.empty();
  }

  /** Whether the text has the shape of a key (it may still be unknown, revoked or wrong). */
  public static boolean looksLikeKey(String text) {
    return idOf(text).isPresent();
  }

  /** What is stored: the SHA-256 of the whole key, in hex. */
  public static String hash(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Whether {@code key} hashes to {@code storedHash}, compared in constant time. */
  public static boolean matches(String key, String storedHash) {
    return MessageDigest.isEqual(
        hash(key).getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }
}
