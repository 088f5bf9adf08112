package org.erp.sessions.web.session;

import io.undertow.servlet.handlers.ServletRequestContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * A change is acknowledged only once it is stored on every owner of the session. Undertow ends a
 * request by sending the answer first and closing the session (WildFly's replication batch)
 * after; a node that dies in between would lose a write its client saw succeed. For unsafe
 * methods the answer is held in the buffer and the session closed here, before it leaves.
 * (Reads keep the cheaper order: what they lose is at most an access time.)
 */
@WebFilter(urlPatterns = {"/api/*", "/web/*"}, asyncSupported = true)
public class SessionCommitFilter extends HttpFilter {

  private static final Set<String> UNSAFE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

  /** Above every answer of the API, so none is sent before the session is stored. */
  private static final int ANSWER_BUFFER_BYTES = 256 * 1024;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!UNSAFE_METHODS.contains(request.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    if (response.getBufferSize() < ANSWER_BUFFER_BYTES) {
      response.setBufferSize(ANSWER_BUFFER_BYTES);
    }
    chain.doFilter(request, response);
    storeSessionNow();
  }

  /** What Undertow does after the answer; doing it first is harmless, the second time is a no-op. */
  private static void storeSessionNow() {
    ServletRequestContext context = ServletRequestContext.current();
    if (context != null && !context.getExchange().isResponseStarted()) {
      context.getCurrentServletContext().updateSessionAccessTime(context.getExchange());
    }
  }
}
