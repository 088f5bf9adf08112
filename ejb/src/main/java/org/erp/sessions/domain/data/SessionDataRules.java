package org.erp.sessions.domain.data;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;

/**
 * The limits on custom session data (API.md §3). A write is checked as a whole before anything is
 * stored, so a refused write changes nothing.
 */
public final class SessionDataRules {

  private static final Pattern KEY = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");

  /** Key names that say they hold a secret: such data must not live in the session. */
  private static final List<String> SENSITIVE_WORDS =
      List.of(
          "password", "passwd", "pwd", "secret", "token", "apikey", "api_key", "credit_card",
          "card_number", "cvv", "iban");

  private final int maxValueBytes;
  private final int maxKeys;
  private final int maxTotalBytes;

  public SessionDataRules(int maxValueBytes, int maxKeys, int maxTotalBytes) {
    this.maxValueBytes = maxValueBytes;
    this.maxKeys = maxKeys;
    this.maxTotalBytes = maxTotalBytes;
  }

  /** 400 {@code invalid_key} unless the key matches {@code ^[A-Za-z0-9_.-]{1,64}$}. */
  public static void checkKey(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new ErpException(
          ErrorCode.INVALID_KEY,
          "A key is 1 to 64 characters among letters, digits, '_', '.' and '-'.");
    }
  }

  public static boolean isSensitive(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return SENSITIVE_WORDS.stream().anyMatch(lower::contains);
  }

  /** The size a value counts for: its compact JSON in UTF-8. */
  public static int sizeOf(String compactJson) {
    return compactJson.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * Checks that storing {@code compactJson} under {@code key} is allowed, given what the session
   * already holds: key to the size of its value ({@link #sizeOf}).
   */
  public void checkWrite(String key, String compactJson, Map<String, Integer> currentSizes) {
    checkKey(key);
    if (isSensitive(key)) {
      throw new ErpException(
          ErrorCode.SENSITIVE_KEY,
          "The key '" + key + "' names a secret; sensitive data must not be kept in the session.");
    }
    int size = sizeOf(compactJson);
    if (size > maxValueBytes) {
      throw new ErpException(
          ErrorCode.VALUE_TOO_LARGE,
          "A value may take at most " + maxValueBytes + " bytes as compact JSON; this one takes "
              + size + ".");
    }
    boolean replacing = currentSizes.containsKey(key);
    int keys = currentSizes.size() + (replacing ? 0 : 1);
    if (keys > maxKeys) {
      throw new ErpException(
          ErrorCode.SESSION_DATA_FULL, "A session holds at most " + maxKeys + " keys.");
    }
    long total = size;
    for (Map.Entry<String, Integer> entry : currentSizes.entrySet()) {
      if (!entry.getKey().equals(key)) {
        total += entry.getValue();
      }
    }
    if (total > maxTotalBytes) {
      throw new ErpException(
          ErrorCode.SESSION_DATA_FULL,
          "A session holds at most " + maxTotalBytes + " bytes of data; this write would make "
              + total + ".");
    }
  }
}
