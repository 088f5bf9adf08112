package org.erp.sessions.it.core;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in the in-container tests: the real time plus an offset the test moves
 * forward, so an idle timeout of 30 minutes passes in a call, not in 30 minutes. Deployed in a
 * library of the test's EAR, enabled for the whole application by its priority, so that the
 * session core's EJBs get it too.
 */
@Alternative
@Priority(1000)
@ApplicationScoped
public class MovableClock {

  private static volatile Duration offset = Duration.ZERO;

  private static final Clock MOVED =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          throw new UnsupportedOperationException("The service reads UTC instants only");
        }

        @Override
        public Instant instant() {
          return Instant.now().plus(offset);
        }
      };

  @Produces
  Clock clock() {
    return MOVED;
  }

  /** Moves the service's time forward. */
  public void advance(Duration by) {
    offset = offset.plus(by);
  }

  /** Back to the real time (never before what a test already saw: tests only add). */
  public void reset() {
    offset = Duration.ZERO;
  }
}
