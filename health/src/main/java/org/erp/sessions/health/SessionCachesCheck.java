package org.erp.sessions.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.infinispan.lifecycle.ComponentStatus;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * Live and ready only while the {@code web} cache container and every cache it has started (the
 * sessions of the EAR, {@code session-data}) are running: a node whose session caches stopped
 * serves no session, and only a restart brings it back.
 */
@Liveness
@Readiness
@ApplicationScoped
public class SessionCachesCheck implements HealthCheck {

  @Resource(lookup = "java:jboss/infinispan/container/web")
  private EmbeddedCacheManager container;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("erp-session-caches");
    boolean up = container.getStatus() == ComponentStatus.RUNNING;
    response.withData("container", container.getStatus().name());
    for (String name : container.getCacheNames()) {
      if (container.isRunning(name)) {
        ComponentStatus status = container.getCache(name, false).getStatus();
        response.withData(name, status.name());
        up &= status == ComponentStatus.RUNNING;
      }
    }
    up &= container.isRunning("session-data");
    return response.status(up).build();
  }
}
