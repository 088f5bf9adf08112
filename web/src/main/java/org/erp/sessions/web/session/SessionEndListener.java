package org.erp.sessions.web.session;

import io.undertow.servlet.handlers.ServletRequestContext;
import jakarta.inject.Inject;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.erp.sessions.application.session.SessionService;
import org.erp.sessions.domain.device.EndReason;
import org.erp.sessions.infrastructure.http.HttpSessionStorage;

/**
 * When a session ends, on the node that ends it, the session core is told ({@link
 * SessionService#ended}): its custom data goes and its device closes. The device ends as what the
 * request ending the session said ({@link HttpSessionStorage#ENDING_AS}: a sign-out is a {@code
 * logout}); else, with no request (the container's expiry) or none said, as {@code expired}.
 */
@WebListener
public class SessionEndListener implements HttpSessionListener {

  @Inject private SessionService sessions;

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    HttpSessionStorage.stateOf(event.getSession())
        .ifPresent(
            state -> {
              ServletRequest request = currentRequest();
              EndReason reason =
                  request != null && request.getAttribute(HttpSessionStorage.ENDING_AS) instanceof EndReason said
                      ? said
                      : EndReason.EXPIRED;
              sessions.ended(event.getSession().getId(), state, reason, request == null);
            });
  }

  private static ServletRequest currentRequest() {
    ServletRequestContext context = ServletRequestContext.current();
    return context == null ? null : context.getServletRequest();
  }
}
