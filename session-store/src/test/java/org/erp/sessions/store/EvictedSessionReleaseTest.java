package org.erp.sessions.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.infinispan.AdvancedCache;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.container.impl.InternalDataContainer;
import org.infinispan.distribution.ch.KeyPartitioner;
import org.infinispan.factories.ComponentRegistry;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntriesEvicted;
import org.infinispan.notifications.cachelistener.event.CacheEntriesEvictedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.wildfly.clustering.cache.infinispan.embedded.container.DataContainerConfigurationBuilder;
import org.wildfly.clustering.session.infinispan.embedded.attributes.SessionAttributesKey;
import org.wildfly.clustering.session.infinispan.embedded.metadata.SessionMetaDataKey;

/**
 * The sweep of {@link EvictedSessionRelease} on a real (local) Infinispan cache: which session
 * attributes it releases from memory, and when. Without a store, a released entry is gone, which
 * is what these tests look for; with WildFly's shared store it would be read back. WildFly's
 * data-container factory is on the class path, so the bounded cache gets WildFly's container, as
 * sessions do in WildFly; the others are unbounded.
 */
class EvictedSessionReleaseTest {

  private static DefaultCacheManager manager;
  private AdvancedCache<Object, Object> cache;
  private InternalDataContainer<Object, Object> container;
  private KeyPartitioner partitioner;

  @BeforeAll
  static void startCacheManager() {
    manager = new DefaultCacheManager();
  }

  @AfterAll
  static void stopCacheManager() {
    manager.stop();
  }

  @BeforeEach
  @SuppressWarnings("unchecked")
  void startCache(TestInfo test) {
    String name = test.getTestMethod().orElseThrow().getName();
    manager.defineConfiguration(name, new ConfigurationBuilder().build());
    cache = manager.<Object, Object>getCache(name).getAdvancedCache();
    ComponentRegistry registry = ComponentRegistry.of(cache);
    container = registry.getInternalDataContainer().running();
    partitioner = registry.getComponent(KeyPartitioner.class);
  }

  private EvictedSessionRelease release(boolean cascade) {
    return new EvictedSessionRelease(cache, container, partitioner, cascade);
  }

  private boolean inMemory(Object key) {
    return container.peek(partitioner.getSegment(key), key) != null;
  }

  @Test
  void attributesWithoutTheirMetaDataLeaveMemoryAtTheSecondSweepThatFindsThemSo() {
    SessionAttributesKey orphan = new SessionAttributesKey("orphan");
    cache.put(orphan, "attributes");
    EvictedSessionRelease release = release(true);

    release.sweep();
    assertTrue(inMemory(orphan), "released at once");
    release.sweep();
    assertFalse(inMemory(orphan), "kept after two sweeps");
  }

  @Test
  void attributesWhoseMetaDataIsInMemoryStay() {
    cache.put(new SessionMetaDataKey("live"), "meta-data");
    cache.put(new SessionAttributesKey("live"), "attributes");
    EvictedSessionRelease release = release(true);

    for (int sweep = 0; sweep < 3; sweep++) {
      release.sweep();
    }
    assertTrue(inMemory(new SessionAttributesKey("live")), "a live session's attributes released");
    assertTrue(inMemory(new SessionMetaDataKey("live")), "meta-data released");
  }

  @Test
  void attributesWhoseMetaDataCameBackBetweenTwoSweepsStayAndCountAfresh() {
    SessionAttributesKey attributes = new SessionAttributesKey("creating");
    cache.put(attributes, "attributes");
    EvictedSessionRelease release = release(true);

    release.sweep(); // as a session being created is seen: attributes first
    cache.put(new SessionMetaDataKey("creating"), "meta-data");
    release.sweep();
    assertTrue(inMemory(attributes), "released though its meta-data was back");

    cache.remove(new SessionMetaDataKey("creating"));
    release.sweep();
    assertTrue(inMemory(attributes), "released at the first sweep that found it orphaned");
    release.sweep();
    assertFalse(inMemory(attributes), "kept after two sweeps that found it orphaned");
  }

  @Test
  void aCacheThatPassivatesKeepsItsAttributesForWildFlyToEvict() {
    SessionAttributesKey orphan = new SessionAttributesKey("passivating");
    cache.put(orphan, "attributes");
    EvictedSessionRelease release = release(false);

    release.sweep();
    release.sweep();
    assertTrue(inMemory(orphan), "released where WildFly does it itself");
  }

  @Test
  void otherEntriesAreNeverReleased() {
    cache.put("a custom-data key", "a value");
    EvictedSessionRelease release = release(true);

    release.sweep();
    release.sweep();
    assertTrue(inMemory("a custom-data key"));
  }

  /**
   * Holds the thread that evicts inside the container's maintenance (where WildFly's container
   * notifies evictions) until released, as a slow eviction listener would.
   */
  @Listener
  public static final class SlowEvictions {
    final CountDownLatch evicting = new CountDownLatch(1);
    final CountDownLatch proceed = new CountDownLatch(1);

    @CacheEntriesEvicted
    public void evicted(CacheEntriesEvictedEvent<Object, Object> event) throws InterruptedException {
      evicting.countDown();
      proceed.await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void anEntryRemovedWhileAnotherThreadEvictsLeavesTheContainerAtTheNextSweep() throws Exception {
    // As WildFly bounds sessions: only meta-data counts towards the bound of one.
    ConfigurationBuilder bounded = new ConfigurationBuilder();
    bounded.memory().maxCount(1);
    bounded.addModule(DataContainerConfigurationBuilder.class)
        .evictable(key -> key instanceof SessionMetaDataKey);
    manager.defineConfiguration("bounded", bounded.build());
    cache = manager.<Object, Object>getCache("bounded").getAdvancedCache();
    ComponentRegistry registry = ComponentRegistry.of(cache);
    container = registry.getInternalDataContainer().running();
    partitioner = registry.getComponent(KeyPartitioner.class);
    SlowEvictions slow = new SlowEvictions();
    cache.addListener(slow);

    SessionAttributesKey removed = new SessionAttributesKey("removed");
    WeakReference<Object> state = putFreshValue(removed);
    cache.put(new SessionMetaDataKey("first"), "meta-data");
    CompletableFuture<Void> evicting =
        CompletableFuture.runAsync(() -> cache.put(new SessionMetaDataKey("second"), "meta-data"));
    assertTrue(slow.evicting.await(30, TimeUnit.SECONDS), "no eviction");
    cache.remove(removed); // while the other thread holds the container's maintenance
    slow.proceed.countDown();
    evicting.get(30, TimeUnit.SECONDS);
    assertFalse(inMemory(removed));
    System.gc();
    assertNotNull(state.get(), "the removal was not left pending: the test shows nothing");

    release(true).sweep();
    for (int gc = 0; gc < 10 && state.get() != null; gc++) {
      System.gc();
    }
    assertNull(state.get(), "the removed entry's value is still reachable");
  }

  /** Puts a value that only the cache holds; the reference says whether anything still does. */
  private WeakReference<Object> putFreshValue(Object key) {
    Object value = new StringBuilder("attributes").toString();
    cache.put(key, value);
    return new WeakReference<>(value);
  }
}
