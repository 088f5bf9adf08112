package org.erp.sessions.web.session;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** What a response that ends the browser's session carries. */
public final class SessionCookies {

  /** Tells the browser to drop this origin's cookies and storage (OWASP: logout). */
  public static final String CLEAR_SITE_DATA = "\"cookies\", \"storage\"";

  private SessionCookies() {}

  public static String clearing(String cookieName, boolean secure) {
    return cookieName + "=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly;"
        + " SameSite=Lax" + (secure ? "; Secure" : "");
  }

  /** Adds the clearing cookie and Clear-Site-Data to a sign-out answer. */
  public static Response.ResponseBuilder signedOut(
      Response.ResponseBuilder response, String cookieName, boolean secure) {
    return response
        .header(HttpHeaders.SET_COOKIE, clearing(cookieName, secure))
        .header("Clear-Site-Data", CLEAR_SITE_DATA);
  }
}
