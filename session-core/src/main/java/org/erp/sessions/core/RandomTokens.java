package org.erp.sessions.core;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The one source of the service's random tokens and handles (CSRF tokens, device handles,
 * security stamps): {@link SecureRandom}, written as base64url without padding, so a token is
 * safe in a header, a URL path segment and a cache key.
 */
public final class RandomTokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomTokens() {}

  /** A token of {@code bytes} random bytes (32 bytes: 43 characters, 256 bits). */
  public static String newToken(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
