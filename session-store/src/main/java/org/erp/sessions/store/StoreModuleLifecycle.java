package org.erp.sessions.store;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.infinispan.AdvancedCache;
import org.infinispan.configuration.cache.Configuration;
import org.infinispan.container.impl.InternalDataContainer;
import org.infinispan.distribution.ch.KeyPartitioner;
import org.infinispan.factories.ComponentRegistry;
import org.infinispan.factories.impl.BasicComponentRegistry;
import org.infinispan.interceptors.AsyncInterceptor;
import org.infinispan.interceptors.AsyncInterceptorChain;
import org.infinispan.interceptors.impl.CacheWriterInterceptor;
import org.infinispan.interceptors.impl.CallInterceptor;
import org.infinispan.interceptors.impl.DistCacheWriterInterceptor;
import org.infinispan.interceptors.impl.PassivationWriterInterceptor;
import org.infinispan.interceptors.locking.PessimisticLockingInterceptor;
import org.infinispan.lifecycle.ModuleLifecycle;
import org.wildfly.clustering.cache.infinispan.embedded.container.SegmentedEvictableDataContainer;

/**
 * What this module adds to the caches of the {@code web} container (configure.cli lists it among
 * the container's modules; Infinispan finds it through {@link StoreModule}):
 *
 * <ul>
 *   <li>to a cache with pessimistic locks (the session caches, in WildFly's batches): {@link
 *       ExpiryWaitsForLock}, so that WildFly's expiration of a session waits for a request to let
 *       go of it;
 *   <li>to a cache whose store does not passivate (with {@code erp.session.persistence=database},
 *       the shared store on the application's database): {@link
 *       AccessTimeWriteCoalescing}, so that reading a session does not write it to the database
 *       each time, and, in a clustered cache, {@link StoreWriterSkippingEmptyBatches} in place of
 *       Infinispan's store writer, so that such a read does not hand the store an empty batch;
 *   <li>to a cache whose store passivates (with {@code erp.session.persistence=memory}): {@link
 *       PassivationWriterSkippingEmptyBatches} in place of Infinispan's passivation writer, for
 *       the same empty batch;
 *   <li>to a cache that WildFly bounds with its segmented evictable data container (the session
 *       caches of deployments with {@code max-active-sessions}, the EAR's jboss-all.xml, and the
 *       custom data's {@code session-data}, bounded in configure.cli): {@link
 *       EvictedSessionRelease}, swept every {@value #SWEEP_SECONDS} seconds.
 * </ul>
 */
public final class StoreModuleLifecycle implements ModuleLifecycle {

  static final int SWEEP_SECONDS = 5;
  // System.Logger: java.base is all this module sees of the JDK (store-module.xml).
  private static final System.Logger LOG =
      System.getLogger(StoreModuleLifecycle.class.getName());

  private final Map<String, AccessTimeWriteCoalescing> coalescings = new ConcurrentHashMap<>();
  private final Map<String, ScheduledExecutorService> sweepers = new ConcurrentHashMap<>();

  @Override
  public void cacheStarting(ComponentRegistry registry, Configuration configuration, String cacheName) {
    AsyncInterceptorChain chain = registry.getComponent(AsyncInterceptorChain.class);
    // Before the lock is taken; caches that lock no reads have no such interceptor.
    chain.addInterceptorBefore(new ExpiryWaitsForLock(), PessimisticLockingInterceptor.class);
    var persistence = configuration.persistence();
    if (persistence.stores().isEmpty()) {
      return;
    }
    if (persistence.passivation()) {
      replaceStoreWriter(
          registry,
          chain,
          PassivationWriterInterceptor.class,
          PassivationWriterInterceptor.class.getName(),
          new PassivationWriterSkippingEmptyBatches());
      return;
    }
    AccessTimeWriteCoalescing coalescing =
        new AccessTimeWriteCoalescing(new AccessTimeWritePolicy(AccessTimeResolution.current()));
    if (chain.addInterceptorBefore(coalescing, CallInterceptor.class)) {
      coalescings.put(cacheName, coalescing);
      replaceStoreWriter(
          registry,
          chain,
          DistCacheWriterInterceptor.class,
          CacheWriterInterceptor.class.getName(),
          new StoreWriterSkippingEmptyBatches());
    }
  }

  /**
   * Puts {@code replacement} in the place of the cache's store writer when that is exactly {@code
   * infinispans}, the writer it extends, as component (under the name Infinispan registered the
   * writer with) and as interceptor. Called before the cache's components start, so it starts with
   * them.
   */
  private static void replaceStoreWriter(
      ComponentRegistry registry,
      AsyncInterceptorChain chain,
      Class<? extends CacheWriterInterceptor> infinispans,
      String componentName,
      CacheWriterInterceptor replacement) {
    AsyncInterceptor writer = chain.findInterceptorExtending(CacheWriterInterceptor.class);
    BasicComponentRegistry components = registry.getComponent(BasicComponentRegistry.class);
    if (writer == null
        || writer.getClass() != infinispans
        || !components.hasComponentAccessor(replacement.getClass().getName())) {
      return;
    }
    components.replaceComponent(componentName, replacement, true);
    chain.replaceInterceptor(replacement, infinispans);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void cacheStarted(ComponentRegistry registry, String cacheName) {
    InternalDataContainer<Object, Object> container =
        registry.getInternalDataContainer().running();
    AccessTimeWriteCoalescing coalescing = coalescings.get(cacheName);
    EvictedSessionRelease release = null;
    if (container instanceof SegmentedEvictableDataContainer) {
      AdvancedCache<Object, Object> cache = registry.getCache().running();
      boolean passivates = cache.getCacheConfiguration().persistence().passivation();
      release =
          new EvictedSessionRelease(
              cache, container, registry.getComponent(KeyPartitioner.class), !passivates);
      cache.addListener(release);
    }
    if (release == null && coalescing == null) {
      return;
    }
    ScheduledExecutorService sweeper =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "erp-session-release " + cacheName);
              thread.setDaemon(true);
              return thread;
            });
    EvictedSessionRelease releaseToSweep = release;
    sweeper.scheduleWithFixedDelay(
        () -> {
          try {
            if (releaseToSweep != null) {
              releaseToSweep.sweep();
            }
            if (coalescing != null) {
              coalescing.forgetExpiredWindows(Instant.now());
            }
          } catch (RuntimeException e) { // the next sweep tries again
            LOG.log(System.Logger.Level.WARNING, "Sweep of " + cacheName + " failed: " + e.getClass().getName());
          } catch (Error e) {
            // The executor ends a periodic task that throws, and says nothing: say it, as the
            // sweeps stop here (a class that a module cannot see would end them at every start).
            LOG.log(System.Logger.Level.ERROR, "Sweeps of " + cacheName + " stopped", e);
            throw e;
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
    coalescings.remove(cacheName);
    ScheduledExecutorService sweeper = sweepers.remove(cacheName);
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
  }
}
