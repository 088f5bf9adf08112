package org.erp.sessions.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.infinispan.Cache;

/**
 * How many sessions each node holds, as the nodes last reported it ({@link NodeStatsReporter}),
 * so that whichever node serves the administrators' overview knows every member's figure, not
 * only its own: one entry per node name in {@code node-stats}, a replicated cache of the server's
 * {@code web} container (every node holds every entry; a few bytes per node).
 *
 * <p>Each entry lives {@link #LIFESPAN}, six reports long: the figure of a node that stopped
 * reporting (it crashed, or left the cluster) goes away on its own, and the overview shows it as
 * unknown rather than a stale number.
 */
@ApplicationScoped
public class NodeStatsStore {

  static final Duration LIFESPAN = Duration.ofSeconds(60);

  @Inject
  @ServiceCache(ServiceCache.Name.NODE_STATS)
  private Cache<String, String> cache;

  /** Infinispan expires entries by the wall clock, whatever the service's Clock says. */
  public void report(String node, long sessions) {
    cache.put(node, Long.toString(sessions), LIFESPAN.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The last figure of every node that reported within the lifespan, by node name. */
  public Map<String, Long> sessionsByNode() {
    return cache.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Long.parseLong(e.getValue())));
  }
}
