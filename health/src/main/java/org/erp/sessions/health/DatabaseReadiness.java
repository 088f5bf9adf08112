package org.erp.sessions.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the database answers: logins, revocations and the device log need it. Asked
 * through the same rate-limited probe as {@code /api/health}, so probes cannot exhaust the pool.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  @Inject private HealthProbe probe;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("erp-database").status(probe.databaseUp()).build();
  }
}
