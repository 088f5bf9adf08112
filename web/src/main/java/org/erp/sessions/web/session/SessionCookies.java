package org.erp.sessions.web.session;

/** The Set-Cookie header that removes the session cookie from the browser. */
public final class SessionCookies {

  private SessionCookies() {}

  public static String clearing(String cookieName, boolean secure) {
    return cookieName + "=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly;"
        + " SameSite=Lax" + (secure ? "; Secure" : "");
  }
}
