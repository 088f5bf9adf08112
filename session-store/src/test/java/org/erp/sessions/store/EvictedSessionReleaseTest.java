package org.erp.sessions.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.infinispan.AdvancedCache;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.container.impl.InternalDataContainer;
import org.infinispan.distribution.ch.KeyPartitioner;
import org.infinispan.factories.ComponentRegistry;
import org.infinispan.manager.DefaultCacheManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.wildfly.clustering.session.infinispan.embedded.attributes.SessionAttributesKey;
import org.wildfly.clustering.session.infinispan.embedded.metadata.SessionMetaDataKey;

/**
 * The sweep of {@link EvictedSessionRelease} on a real (local, unbounded) Infinispan cache: which
 * session attributes it releases from memory, and when. Without a store, a released entry is
 * gone, which is what these tests look for; with WildFly's shared store it would be read back.
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
}
