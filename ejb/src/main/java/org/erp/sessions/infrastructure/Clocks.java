package org.erp.sessions.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The one clock of the service: every deadline, expiry and cooldown reads the time from the
 * injected {@link Clock}, never from {@code Instant.now()}, so that a test can move time (an
 * {@code @Alternative} producer in the test's deployment) instead of sleeping.
 */
@ApplicationScoped
public class Clocks {

  /** Dependent, not a proxy: the system clock is one immutable instance anyway. */
  @Produces
  Clock clock() {
    return Clock.systemUTC();
  }
}
