package org.erp.sessions.servlet;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.session.Session;
import io.undertow.servlet.handlers.ServletRequestContext;
import io.undertow.servlet.spec.HttpSessionImpl;
import java.lang.reflect.Field;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stores the request's session now, before its answer leaves: {@code Session.requestDone}, which
 * closes WildFly's batch of the session and so writes it to every owner.
 *
 * <p>Undertow asks for that only after the answer is sent, and WildFly 39 decorates every session
 * ({@code ControlPointDeploymentInfoConfigurator$CompletableSession}) so that a {@code
 * requestDone} before the exchange completes does nothing: calling it from a filter, as Undertow's
 * own {@code updateSessionAccessTime} does, was a no-op, and every session was stored after its
 * answer. That left two holes. A write the client saw succeed was not yet stored when a node
 * died. And the client's next request, sent as soon as it had the answer, could reach the node
 * while the session was still open there: WildFly then shares the open session between the two
 * requests, and a session that the first request had created (a sign-in) lost its attributes,
 * the next request but one finding it empty ("not signed in"). Seen in 8 % of sign-ins followed
 * at once by writes, with 4 clients on a 2-node cluster, and as the rare 401 right after a sign-in
 * in CI (SessionFailoverClusterIT, SessionDataIT).
 *
 * <p>So the session beneath WildFly's decorator is closed directly. WildFly's own call after the
 * answer then finds it closed and does nothing. Whatever the request does with its session
 * afterwards, WildFly serves from the store in a batch of its own. A session without that
 * decorator is closed as it is; a decorator that holds no session leaves the old order, with a
 * warning, once. (A WildFly that defers with another decorator would bring the old order back
 * silently: SessionFailoverClusterIT's requestsSentTheMomentASignInIsAnsweredFindEverythingItStored
 * is the guard.)
 */
public final class SessionStoreBeforeAnswer {

  private static final Logger LOG = Logger.getLogger(SessionStoreBeforeAnswer.class.getName());

  /**
   * WildFly's decorator that defers {@code requestDone} until the exchange completes. (Public,
   * with {@link #undecorated}, for the in-server test that fails when a WildFly upgrade changes
   * it.)
   */
  public static final String DEFERRING_DECORATOR =
      "org.wildfly.extension.undertow.deployment.ControlPointDeploymentInfoConfigurator$CompletableSession";

  /** The decorator's field holding the session it defers for, by decorator class. */
  private static final ClassValue<Optional<Field>> DECORATED =
      new ClassValue<>() {
        @Override
        protected Optional<Field> computeValue(Class<?> decorator) {
          for (Field field : decorator.getDeclaredFields()) {
            if (Session.class.isAssignableFrom(field.getType())) {
              try {
                field.setAccessible(true);
                return Optional.of(field);
              } catch (RuntimeException inaccessible) {
                return Optional.empty();
              }
            }
          }
          return Optional.empty();
        }
      };

  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private SessionStoreBeforeAnswer() {}

  /**
   * Stores the session of the current request, if it has one, unless its answer has started
   * already (then WildFly stores it after the answer, as it would have anyway).
   */
  public static void storeNow(ServletRequestContext context) {
    HttpServerExchange exchange = context.getExchange();
    if (exchange.isResponseStarted()) {
      return;
    }
    HttpSessionImpl httpSession = context.getCurrentServletContext().getSession(exchange, false);
    if (httpSession != null) {
      undecorated(httpSession.getSession()).requestDone(exchange);
    }
  }

  /** The session WildFly's deferring decorator holds, or the session itself if not decorated. */
  public static Session undecorated(Session session) {
    if (!session.getClass().getName().equals(DEFERRING_DECORATOR)) {
      return session;
    }
    Optional<Field> field = DECORATED.get(session.getClass());
    if (field.isPresent()) {
      try {
        return (Session) field.get().get(session);
      } catch (IllegalAccessException unexpected) {
        // As when the field is missing, below.
      }
    }
    if (WARNED.compareAndSet(false, true)) {
      LOG.log(
          Level.WARNING,
          "Sessions are stored after their answer: this WildFly's {0} holds no session to close"
              + " earlier. A write can be acknowledged before it is stored, and a request sent"
              + " right after a sign-in can find the new session empty.",
          DEFERRING_DECORATOR);
    }
    return session;
  }
}
