package org.erp.sessions.web.session;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;

/**
 * The trusted-device cookie of "remember this browser" (API.md §14), in one place: {@code td_id}
 * (Odoo's name), HttpOnly, SameSite=Strict, Path=/, Secure over HTTPS like the session cookie.
 * Its value is a random token the database holds only hashed.
 */
public final class TrustedDeviceCookie {

  public static final String NAME = "td_id";

  private TrustedDeviceCookie() {}

  /** The token the browser sent, or null. */
  public static String read(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie cookie : cookies) {
      if (NAME.equals(cookie.getName())) {
        return cookie.getValue();
      }
    }
    return null;
  }

  /** The Set-Cookie header value that remembers this browser for {@code lifetime}. */
  public static String setting(String token, Duration lifetime, boolean secure) {
    return NAME + "=" + token + "; Path=/; Max-Age=" + lifetime.toSeconds()
        + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
  }
}
