package org.erp.sessions.web.session;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.annotation.WebListener;
import java.util.EnumSet;
import org.erp.sessions.config.ErpConfig;

/**
 * Names the session cookie after {@code erp.session.cookie-name} and gives it the attributes of
 * the contract: HttpOnly, SameSite=Lax, Path=/. (Secure is added per request over HTTPS by the
 * server configuration.) Sessions are tracked by cookie only, never in URLs.
 */
@WebListener
public class SessionCookieSetup implements ServletContextListener {

  @Inject private ErpConfig config;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    SessionCookieConfig cookie = context.getSessionCookieConfig();
    cookie.setName(config.cookieName());
    cookie.setHttpOnly(true);
    cookie.setPath("/");
    cookie.setAttribute("SameSite", "Lax");
    context.setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE));
  }
}
