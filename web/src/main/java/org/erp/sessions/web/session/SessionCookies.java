package org.erp.sessions.web.session;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.annotation.WebListener;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.EnumSet;
import org.erp.sessions.config.ErpConfig;

/**
 * The session cookie, in one place: named after {@code erp.session.cookie-name}, HttpOnly,
 * SameSite=Lax, Path=/, Secure per request over HTTPS (WEB-INF/undertow-handlers.conf), and
 * sessions tracked by cookie only, never in URLs. Set on the servlet context at start; the
 * clearing cookie of a sign-out or a 401 carries the same attributes. (The server's
 * session-cookie setting names the cookie too, from the same property: mod_cluster reads the
 * route from it, see configure.cli.)
 */
@WebListener
public class SessionCookies implements ServletContextListener {

  static final String PATH = "/";
  static final String SAME_SITE = "Lax";

  /**
   * Tells the browser to drop this origin's storage (OWASP: logout). Not {@code "cookies"}: the
   * session cookie goes by its own clearing Set-Cookie, and "cookies" would also drop the
   * trusted-device cookie of "remember this browser", which its user chose for this browser
   * (Odoo keeps it at sign-out too; it is forgotten in My devices).
   */
  public static final String CLEAR_SITE_DATA = "\"storage\"";

  @Inject private ErpConfig config;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    SessionCookieConfig cookie = context.getSessionCookieConfig();
    cookie.setName(config.cookieName());
    cookie.setHttpOnly(true);
    cookie.setPath(PATH);
    cookie.setAttribute("SameSite", SAME_SITE);
    context.setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE));
  }

  /** The cookie that makes the browser forget its session cookie. */
  public static String clearing(String cookieName, boolean secure) {
    return cookieName + "=; Path=" + PATH + "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT;"
        + " HttpOnly; SameSite=" + SAME_SITE + (secure ? "; Secure" : "");
  }

  /** Adds the clearing cookie and Clear-Site-Data to a sign-out answer. */
  public static Response.ResponseBuilder signedOut(
      Response.ResponseBuilder response, String cookieName, boolean secure) {
    return response
        .header(HttpHeaders.SET_COOKIE, clearing(cookieName, secure))
        .header("Clear-Site-Data", CLEAR_SITE_DATA);
  }
}
