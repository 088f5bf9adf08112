package org.erp.sessions.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Whether this node can reach its database, asked of the database at most once a second however
 * often the public health endpoint is called: a flood of health checks must not take the
 * connections that logins need.
 */
@ApplicationScoped
public class HealthProbe {

  static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);
  private static final int TIMEOUT_SECONDS = 2;

  @Resource(lookup = "java:jboss/datasources/ErpDS")
  private DataSource dataSource;

  private final RateLimitedCheck check =
      new RateLimitedCheck(PROBE_INTERVAL, System::nanoTime, this::probeDatabase);

  public boolean databaseUp() {
    return check.result();
  }

  private boolean probeDatabase() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(TIMEOUT_SECONDS);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  /**
   * A check run at most once per interval; callers in between get the last result. One caller
   * runs it while the others go on with the previous result.
   */
  static final class RateLimitedCheck {
    private final long intervalNanos;
    private final LongSupplier clock;
    private final BooleanSupplier check;
    private final AtomicLong nextRunAt;
    private volatile boolean last;
    private volatile boolean ran;

    RateLimitedCheck(Duration interval, LongSupplier clock, BooleanSupplier check) {
      this.intervalNanos = interval.toNanos();
      this.clock = clock;
      this.check = check;
      this.nextRunAt = new AtomicLong(clock.getAsLong());
    }

    boolean result() {
      long now = clock.getAsLong();
      long due = nextRunAt.get();
      if ((now - due >= 0 || !ran) && nextRunAt.compareAndSet(due, now + intervalNanos)) {
        last = check.getAsBoolean();
        ran = true;
      }
      return last;
    }
  }
}
