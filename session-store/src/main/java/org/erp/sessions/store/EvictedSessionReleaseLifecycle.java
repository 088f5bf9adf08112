package org.erp.sessions.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.infinispan.AdvancedCache;
import org.infinispan.container.impl.InternalDataContainer;
import org.infinispan.distribution.ch.KeyPartitioner;
import org.infinispan.factories.ComponentRegistry;
import org.infinispan.lifecycle.ModuleLifecycle;
import org.wildfly.clustering.cache.infinispan.embedded.container.SegmentedEvictableDataContainer;

/**
 * Attaches {@link EvictedSessionRelease} to every cache of the {@code web} container that WildFly
 * bounds with its segmented evictable data container: the session caches of deployments with
 * {@code max-active-sessions} (the EAR's jboss-all.xml), and sweeps each every {@value
 * #SWEEP_SECONDS} seconds. Infinispan finds this module through {@link
 * EvictedSessionReleaseModule}, among the container's modules (configure.cli).
 */
public final class EvictedSessionReleaseLifecycle implements ModuleLifecycle {

  static final int SWEEP_SECONDS = 5;
  // System.Logger: java.base is all this module sees of the JDK (store-module.xml).
  private static final System.Logger LOG =
      System.getLogger(EvictedSessionReleaseLifecycle.class.getName());

  private final Map<String, ScheduledExecutorService> sweepers = new ConcurrentHashMap<>();

  @Override
  @SuppressWarnings("unchecked")
  public void cacheStarted(ComponentRegistry registry, String cacheName) {
    InternalDataContainer<Object, Object> container =
        registry.getInternalDataContainer().running();
    if (!(container instanceof SegmentedEvictableDataContainer)) {
      return;
    }
    AdvancedCache<Object, Object> cache = registry.getCache().running();
    boolean passivates = cache.getCacheConfiguration().persistence().passivation();
    EvictedSessionRelease release =
        new EvictedSessionRelease(
            cache, container, registry.getComponent(KeyPartitioner.class), !passivates);
    cache.addListener(release);
    ScheduledExecutorService sweeper =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "erp-session-release " + cacheName);
              thread.setDaemon(true);
              return thread;
            });
    sweeper.scheduleWithFixedDelay(
        () -> {
          try {
            release.sweep();
          } catch (RuntimeException e) { // the next sweep tries again
            LOG.log(System.Logger.Level.WARNING, "Sweep of evicted sessions failed: " + e.getClass().getName());
          }
        },
        SWEEP_SECONDS,
        SWEEP_SECONDS,
        TimeUnit.SECONDS);
    ScheduledExecutorService previous = sweepers.put(cacheName, sweeper);
    if (previous != null) {
      previous.shutdownNow();
    }
  }

  @Override
  public void cacheStopping(ComponentRegistry registry, String cacheName) {
    ScheduledExecutorService sweeper = sweepers.remove(cacheName);
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
  }
}
