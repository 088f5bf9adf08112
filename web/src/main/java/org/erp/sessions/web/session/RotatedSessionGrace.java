package org.erp.sessions.web.session;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.server.handlers.CookieImpl;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.ThreadSetupHandler;
import io.undertow.servlet.handlers.ServletRequestContext;
import io.undertow.util.AttachmentKey;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import java.util.ArrayList;
import java.util.List;
import org.erp.sessions.infrastructure.RotatedSessionIds;

/**
 * Lets a session cookie replaced by a periodic rotation ({@link SessionIdRotation}) reach its
 * session during the grace, on any node: a request whose cookie names no session, but one
 * replaced a moment ago ({@link RotatedSessionIds}), continues as if it had sent the new cookie,
 * and its answer sets the new cookie. It runs before the authentication mechanism, so every check
 * after it sees the session as usual. It also counts the requests in flight per cookie, from
 * before anything looks their session up until it is closed, so that only a request alone with
 * its session rotates it. A cookie that names a session costs no
 * lookup more here: the container's lookup of it is the one every later reader reuses.
 */
public class RotatedSessionGrace implements ServletExtension {

  /** The application-scoped bean (a proxy), looked up at the first request with a cookie. */
  private volatile RotatedSessionIds rotated;

  /** What runs once this exchange's session is closed, in the order given. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final AttachmentKey<List<Runnable>> AFTER_SESSION_CLOSED =
      (AttachmentKey) AttachmentKey.create(List.class);

  /** Set once the exchange's request is counted in flight (an async dispatch is not again). */
  private static final AttachmentKey<Boolean> COUNTED = AttachmentKey.create(Boolean.class);

  /** Set while the exchange runs inside the deployment's thread setup (the handler chain). */
  private static final AttachmentKey<Boolean> IN_HANDLER_CHAIN = AttachmentKey.create(Boolean.class);

  /**
   * Runs {@code task} once this exchange's session is closed. WildFly closes a request's session
   * (Session.requestDone: its writes stored, a replaced id gone) in a thread setup action's
   * tear-down, after the exchange-complete listeners ran. Until then the request holds the
   * session object, which the session manager shares with the other requests of the session on
   * this node: a rotation then would invalidate it under them, and a request released from
   * waiting for a rotation could be handed the replaced session; either throws
   * IllegalStateException at first use (seen in CI: Elytron reading it, a 500). So both a
   * request's "left" and a rotation's end run here: in this extension's thread setup action,
   * which wraps WildFly's, or, for an exchange that completes outside the handler chain (async),
   * from its exchange-complete listener after the earlier listeners.
   */
  static void afterSessionClosed(HttpServerExchange exchange, Runnable task) {
    List<Runnable> tasks = exchange.getAttachment(AFTER_SESSION_CLOSED);
    if (tasks == null) {
      tasks = new ArrayList<>(2);
      exchange.putAttachment(AFTER_SESSION_CLOSED, tasks);
      exchange.addExchangeCompleteListener(
          (ended, next) -> {
            try {
              next.proceed();
            } finally {
              if (ended.getAttachment(IN_HANDLER_CHAIN) == null) {
                runAfterSessionClosed(ended);
              }
            }
          });
    }
    tasks.add(task);
  }

  private static void runAfterSessionClosed(HttpServerExchange exchange) {
    List<Runnable> tasks = exchange.removeAttachment(AFTER_SESSION_CLOSED);
    if (tasks != null) {
      tasks.forEach(Runnable::run);
    }
  }

  @Override
  public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
    // Added after WildFly's own actions, so it wraps them: its tear-down runs after theirs.
    deployment.addThreadSetupAction(
        new ThreadSetupHandler() {
          @Override
          public <T, C> ThreadSetupHandler.Action<T, C> create(ThreadSetupHandler.Action<T, C> action) {
            return (exchange, value) -> {
              if (exchange == null) {
                return action.call(null, value);
              }
              exchange.putAttachment(IN_HANDLER_CHAIN, Boolean.TRUE);
              try {
                countArrival(exchange, context, deployment.getClassLoader());
                return action.call(exchange, value);
              } finally {
                exchange.removeAttachment(IN_HANDLER_CHAIN);
                if (exchange.isComplete()) {
                  runAfterSessionClosed(exchange);
                }
              }
            };
          }
        });
    deployment.addOuterHandlerChainWrapper(
        next ->
            exchange -> {
              followRotation(exchange, context.getSessionCookieConfig(), deployment.getClassLoader());
              next.handleRequest(exchange);
            });
  }

  private void followRotation(
      HttpServerExchange exchange, SessionCookieConfig config, ClassLoader loader) {
    Cookie sent = exchange.getRequestCookie(config.getName());
    ServletRequestContext context = exchange.getAttachment(ServletRequestContext.ATTACHMENT_KEY);
    if (sent == null || context == null) {
      return;
    }
    if (context.getOriginalRequest().getSession(false) != null) {
      return; // the usual request: its cookie names its session
    }
    rotatedSessionIds(loader)
        .successorOf(sent.getValue())
        .ifPresent(
            successor -> {
              exchange.setRequestCookie(new CookieImpl(config.getName(), successor));
              exchange.setResponseCookie(sessionCookie(config, successor));
            });
  }

  /**
   * Counts a request with a session cookie as in flight, once per exchange, and waits if a
   * rotation of its cookie runs. This must come before anything looks the session up: Weld's
   * request listener does ({@code request.getSession(false)}, before the handler chain), and
   * the session object it gets stays attached to the exchange for the whole request, even once
   * a rotation invalidated it. So it runs in this extension's thread setup action, the
   * outermost one, before WildFly's actions and the listeners.
   */
  private void countArrival(HttpServerExchange exchange, ServletContext context, ClassLoader loader) {
    if (exchange.putAttachment(COUNTED, Boolean.TRUE) != null) {
      return; // an async dispatch of an exchange counted already
    }
    Cookie sent = exchange.getRequestCookie(context.getSessionCookieConfig().getName());
    if (sent == null) {
      return;
    }
    RotatedSessionIds ids = rotatedSessionIds(loader);
    String cookie = sent.getValue();
    ids.arrived(cookie);
    afterSessionClosed(exchange, () -> ids.left(cookie));
  }

  private RotatedSessionIds rotatedSessionIds(ClassLoader loader) {
    RotatedSessionIds ids = rotated;
    if (ids == null) {
      // Outside WildFly's actions the thread's context class loader is not the deployment's,
      // and CDI finds the deployment's container through it.
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(loader);
      try {
        ids = CDI.current().select(RotatedSessionIds.class).get();
      } finally {
        thread.setContextClassLoader(previous);
      }
      rotated = ids;
    }
    return ids;
  }

  /** The new cookie with the session cookie's attributes (Secure is added on HTTPS). */
  private static Cookie sessionCookie(SessionCookieConfig config, String value) {
    return new CookieImpl(config.getName(), value)
        .setPath(config.getPath())
        .setHttpOnly(config.isHttpOnly())
        .setSameSiteMode(config.getAttribute("SameSite"));
  }
}
