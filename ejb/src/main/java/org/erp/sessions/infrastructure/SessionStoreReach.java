package org.erp.sessions.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;

/**
 * Whether a change that lives only in the session (a company switch, a sign-out) can be kept. The
 * session cache writes to the database behind the request (write-behind, configure.cli), and the
 * request has answered before the cache finds out that its store is away: a change then answered
 * 200 is lost (a company switch at the next restart of every node; a sign-out at once: the session
 * is served again once the database returns). With durable sessions such a change is refused with
 * 503 unless the database answers now. The session storage asks, where the change reaches the
 * session (HttpSessionStorage); a request with an API key has no session and never asks. Custom
 * data asks too (SessionService): its cache changes a value it holds in memory on every owner
 * before its store refuses the write. Changes that touch a table (sign-in, password,
 * preferences) are refused by their own write.
 */
@ApplicationScoped
public class SessionStoreReach {

  private static final Logger LOG = Logger.getLogger(SessionStoreReach.class.getName());

  /**
   * The {@code Retry-After} of a 503 while the database is away: the session stores look for it
   * again every second, and the connection pool replaces its broken connections at the next use.
   */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  /** Long enough for a loaded database, short enough that a user is not kept waiting. */
  private static final int TIMEOUT_SECONDS = 2;

  /** A database away refuses every change: one line per this many milliseconds tells why. */
  private static final long LOG_EVERY_MILLIS = 10_000;

  private final AtomicLong lastLoggedAt = new AtomicLong();
  private final AtomicLong refusedSinceLogged = new AtomicLong();

  @Resource(lookup = "java:jboss/datasources/ErpDS")
  private DataSource dataSource;

  @Inject private ErpConfig config;

  /** Throws 503 {@code service_unavailable} when sessions are durable and the database is away. */
  public void requireDurable() {
    if (config.sessionsInMemoryOnly()) {
      return;
    }
    try (Connection connection = dataSource.getConnection()) {
      probe(connection);
    } catch (SQLException | RuntimeException unreachable) {
      logRefusal(unreachable);
      throw new ErpException(
          ErrorCode.SERVICE_UNAVAILABLE,
          "The session store cannot take this change now; try again.",
          RETRY_AFTER);
    }
  }

  /**
   * Asks the database a question that needs nothing but an answer. Not {@link
   * Connection#isValid}: H2's (2.2) reads INFORMATION_SCHEMA.SESSIONS over a network connection,
   * which fails inside H2 now and then while another connection's transaction ends; it refused
   * about one company switch in 25,000 on a loaded cluster whose database was there all along.
   */
  static void probe(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(TIMEOUT_SECONDS);
      statement.execute("SELECT 1");
    }
  }

  private void logRefusal(Exception unreachable) {
    long refused = refusedSinceLogged.incrementAndGet();
    long now = System.currentTimeMillis();
    long last = lastLoggedAt.get();
    if (now - last >= LOG_EVERY_MILLIS && lastLoggedAt.compareAndSet(last, now)) {
      refusedSinceLogged.addAndGet(-refused);
      LOG.warning(
          () ->
              "The session store did not answer; refused "
                  + refused
                  + " session-only change(s) since the last such line: "
                  + unreachable);
    }
  }
}
