package org.erp.sessions.web.session;

import jakarta.servlet.http.HttpServletRequest;
import org.erp.sessions.application.session.ClientInfo;

/** The client of an HTTP request, as the session core knows clients. */
public final class HttpClients {

  private HttpClients() {}

  public static ClientInfo of(HttpServletRequest request) {
    return new ClientInfo(request.getRemoteAddr(), request.getHeader("User-Agent"));
  }
}
