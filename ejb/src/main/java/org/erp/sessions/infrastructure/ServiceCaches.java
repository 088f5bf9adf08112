package org.erp.sessions.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import org.infinispan.Cache;

/**
 * The service's own caches in the server's {@code web} container (configure.cli), for injection
 * with {@code @Inject @ServiceCache(...)}: the one place that names them.
 *
 * <p>What WildFly 39 injects with {@code @Resource} resolves the cache from its container again on
 * every call (its {@code LazyCache}): the container's {@code getCache} works out the deployment's
 * media types each time, with regular expressions and a lock, which was most of what a replicated
 * cache read cost in a JFR profile of the session read (bench/README.md). So each is produced
 * resolved, once per injection point. The {@code @Resource} fields still make the deployment
 * depend on the caches, so they start before it and outlive it.
 */
@ApplicationScoped
public class ServiceCaches {

  @Resource(lookup = "java:jboss/infinispan/cache/web/session-data")
  private Cache<String, String> sessionData;

  @Resource(lookup = "java:jboss/infinispan/cache/web/rotated-session-ids")
  private Cache<String, String> rotatedSessionIds;

  @Resource(lookup = "java:jboss/infinispan/cache/web/standing-versions")
  private Cache<String, String> standingVersions;

  @Resource(lookup = "java:jboss/infinispan/cache/web/node-stats")
  private Cache<String, String> nodeStats;

  /** Every {@code @ServiceCache}, whatever its name (the qualifier's value does not bind). */
  @Produces
  @ServiceCache(ServiceCache.Name.SESSION_DATA)
  Cache<String, String> resolved(InjectionPoint injectionPoint) {
    ServiceCache.Name name =
        injectionPoint.getQualifiers().stream()
            .filter(ServiceCache.class::isInstance)
            .map(qualifier -> ((ServiceCache) qualifier).value())
            .findFirst()
            .orElseThrow();
    Cache<String, String> named =
        switch (name) {
          case SESSION_DATA -> sessionData;
          case ROTATED_SESSION_IDS -> rotatedSessionIds;
          case STANDING_VERSIONS -> standingVersions;
          case NODE_STATS -> nodeStats;
        };
    return named.getAdvancedCache();
  }
}
