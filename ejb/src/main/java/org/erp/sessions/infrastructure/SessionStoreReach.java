package org.erp.sessions.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
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
 * session (HttpSessionStorage); a request with an API key has no session and never asks. Changes
 * that touch a table (sign-in, password, preferences) and custom data (whose store reads the
 * database first) are refused by their own write.
 */
@ApplicationScoped
public class SessionStoreReach {

  /** Long enough for a loaded database, short enough that a user is not kept waiting. */
  private static final int TIMEOUT_SECONDS = 2;

  @Resource(lookup = "java:jboss/datasources/ErpDS")
  private DataSource dataSource;

  @Inject private ErpConfig config;

  /** Throws 503 {@code service_unavailable} when sessions are durable and the database is away. */
  public void requireDurable() {
    if (config.sessionsInMemoryOnly()) {
      return;
    }
    boolean reached;
    try (Connection connection = dataSource.getConnection()) {
      reached = connection.isValid(TIMEOUT_SECONDS);
    } catch (SQLException | RuntimeException unreachable) {
      reached = false;
    }
    if (!reached) {
      throw new ErpException(
          ErrorCode.SERVICE_UNAVAILABLE, "The session store cannot take this change now; try again.");
    }
  }
}
