package org.erp.sessions.bench.floor;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * The engine's floor (bench/session-read.sh): {@code POST /floor/session} creates a session
 * holding one small immutable value, {@code GET /floor/session} reads it back (401 without a
 * session), and {@code GET /floor/plain} answers the same kind of body with no session at all.
 * Nothing else happens per request, so the service's session read can be put against what
 * WildFly's session manager alone costs on the same server.
 */
@WebServlet(urlPatterns = {"/session", "/plain"})
public class FloorServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final String USER = "user";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getServletPath().equals("/plain")) {
      answer(response, "nobody");
      return;
    }
    HttpSession session = request.getSession(false);
    if (session == null || !(session.getAttribute(USER) instanceof String user)) {
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    answer(response, user);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    request.getSession(true).setAttribute(USER, "demo");
    answer(response, "demo");
  }

  private static void answer(HttpServletResponse response, String user) throws IOException {
    response.setContentType("application/json");
    response.getWriter().write("{\"user\":\"" + user + "\"}");
  }
}
