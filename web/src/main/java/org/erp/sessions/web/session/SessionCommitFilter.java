package org.erp.sessions.web.session;

import io.undertow.servlet.handlers.ServletRequestContext;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.erp.sessions.infrastructure.metrics.ErpMetrics.Store;
import org.erp.sessions.infrastructure.metrics.ErpMetrics;
import org.erp.sessions.servlet.SessionStoreBeforeAnswer;

/**
 * A change is acknowledged only once it is stored on every owner of the session. Undertow ends a
 * request by sending the answer first and closing the session (WildFly's replication batch)
 * after; a node that dies in between would lose a write its client saw succeed, and the client's
 * next request could find the session still open ({@link SessionStoreBeforeAnswer}). For an
 * unsafe request that has its session to itself on this node, the answer is held in the buffer
 * and the session closed here, before it leaves. (Reads keep the cheaper order: what they lose is at
 * most an access time, unless they gave the session a new id: SessionIdRotation#ROTATED.
 * Concurrent requests of one session share WildFly's batch: see SECURITY.md.)
 */
@WebFilter(urlPatterns = {"/api/*", "/web/*"}, asyncSupported = true)
public class SessionCommitFilter extends HttpFilter {

  private static final Set<String> UNSAFE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

  /** Unsafe requests under way on this node, by requested session id (one filter per WAR). */
  private final ConcurrentHashMap<String, Integer> active = new ConcurrentHashMap<>();

  @Inject private ErpMetrics metrics;

  /** Above every answer of the API, so none is sent before the session is stored. */
  private static final int ANSWER_BUFFER_BYTES = 256 * 1024;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!UNSAFE_METHODS.contains(request.getMethod())) {
      chain.doFilter(request, response);
      if (SessionIdRotation.rotatedIn(request)) {
        storeSessionNow(); // a new id: stored before its cookie leaves
      }
      return;
    }
    String sessionId = request.getRequestedSessionId();
    // Only for a session that exists: anonymous requests (a flood of them) keep the default
    // buffer. A login's answer, the one anonymous request that stores a session, fits in it.
    if (sessionId != null
        && request.isRequestedSessionIdValid()
        && response.getBufferSize() < ANSWER_BUFFER_BYTES) {
      response.setBufferSize(ANSWER_BUFFER_BYTES);
    }
    if (sessionId == null) {
      chain.doFilter(request, response);
      storeSessionNow();
      return;
    }
    active.merge(sessionId, 1, Integer::sum);
    boolean alone;
    try {
      chain.doFilter(request, response);
    } finally {
      alone = active.merge(sessionId, -1, (a, b) -> a + b == 0 ? null : a + b) == null;
    }
    // With other requests of the session still running here, WildFly stores the shared batch
    // when the last one ends; closing it early from one of them is not ours to do.
    // A request that rotated the id was alone with its session (RotatedSessionGrace).
    if (alone || SessionIdRotation.rotatedIn(request)) {
      storeSessionNow();
    }
  }

  /** What WildFly does after the answer; done first, that later call finds nothing to do. */
  private void storeSessionNow() {
    ServletRequestContext context = ServletRequestContext.current();
    if (context != null) {
      try {
        SessionStoreBeforeAnswer.storeNow(context);
      } catch (RuntimeException storeFailed) {
        metrics.storeFailed(Store.SESSIONS);
        throw storeFailed;
      }
    }
  }
}
