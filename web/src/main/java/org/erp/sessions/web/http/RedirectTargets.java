package org.erp.sessions.web.http;

import java.util.Locale;

/** Where the service may send a browser: never another site (open redirect), never a header. */
public final class RedirectTargets {

  /** Longer targets go to /: Undertow's header buffer must never split one. */
  static final int MAX_LENGTH = 2048;

  private RedirectTargets() {}

  /**
   * The target if it is a path on this site made of printable ASCII only, at most 2 KiB; else
   * {@code /}. Undertow writes each header character as one byte, so U+012F would become {@code
   * /} and U+010D U+010A a CR LF: any character outside printable ASCII is refused, not encoded.
   * Refused too: {@code //host} and {@code /\host} (browsers read both as another host), and an
   * encoded slash or backslash, which a server or proxy behind may decode into one of those.
   */
  public static String sameSitePathOrRoot(String target) {
    if (target == null
        || target.isEmpty()
        || target.length() > MAX_LENGTH
        || target.charAt(0) != '/'
        || !target.chars().allMatch(c -> c > 0x20 && c < 0x7f)
        || target.startsWith("//")
        || target.indexOf('\\') >= 0) {
      return "/";
    }
    String lower = target.toLowerCase(Locale.ROOT);
    if (lower.contains("%2f") || lower.contains("%5c")) {
      return "/";
    }
    return target;
  }
}
