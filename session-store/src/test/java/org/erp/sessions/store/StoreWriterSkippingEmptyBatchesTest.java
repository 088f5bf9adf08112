package org.erp.sessions.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.transaction.TransactionManager;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.infinispan.AdvancedCache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.cache.CustomStoreConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.context.Flag;
import org.infinispan.factories.ComponentRegistry;
import org.infinispan.factories.impl.BasicComponentRegistry;
import org.infinispan.interceptors.AsyncInterceptorChain;
import org.infinispan.interceptors.impl.CacheWriterInterceptor;
import org.infinispan.interceptors.impl.DistCacheWriterInterceptor;
import org.infinispan.interceptors.impl.PassivationWriterInterceptor;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.persistence.spi.InitializationContext;
import org.infinispan.persistence.spi.MarshallableEntry;
import org.infinispan.persistence.spi.NonBlockingStore;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;
import org.jgroups.JChannel;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.SHARED_LOOPBACK;
import org.jgroups.protocols.SHARED_LOOPBACK_PING;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.reactivestreams.Publisher;

/**
 * The store writers that skip empty batches, in real clustered (distributed, transactional,
 * pessimistic) Infinispan caches, where this module's {@link StoreModuleLifecycle} put them: {@link
 * StoreWriterSkippingEmptyBatches} with a store that does not passivate, as the durable session
 * caches have, and {@link PassivationWriterSkippingEmptyBatches} with one that passivates, as the
 * session caches in memory have. A cluster of one node on JGroups' in-process loopback, and a
 * store in memory that counts the batches it is handed.
 */
class StoreWriterSkippingEmptyBatchesTest {

  private static DefaultCacheManager manager;
  private AdvancedCache<Object, Object> cache;
  private TransactionManager transactions;

  @BeforeAll
  static void startCacheManager() throws Exception {
    JChannel loopback =
        new JChannel(
            new SHARED_LOOPBACK(),
            new SHARED_LOOPBACK_PING(),
            new NAKACK2(),
            new UNICAST3(),
            new STABLE(),
            new GMS().setJoinTimeout(100),
            new FRAG4());
    GlobalConfigurationBuilder global = GlobalConfigurationBuilder.defaultClusteredBuilder();
    global.transport().transport(new JGroupsTransport(loopback)).clusterName("store-writer-test");
    manager = new DefaultCacheManager(global.build());
  }

  @AfterAll
  static void stopCacheManager() {
    manager.stop();
  }

  /** Starts a cache named after the test, with the counting store, passivating or not. */
  private void startCache(TestInfo test, boolean passivation) {
    String name =
        test.getTestClass().orElseThrow().getSimpleName()
            + "."
            + test.getTestMethod().orElseThrow().getName();
    ConfigurationBuilder builder = SessionCacheLocking.asWildFlysSessionCaches();
    builder.clustering().cacheMode(CacheMode.DIST_SYNC);
    builder
        .persistence()
        .passivation(passivation)
        .addStore(CustomStoreConfigurationBuilder.class)
        .customStoreClass(CountingStore.class)
        .segmented(false);
    manager.defineConfiguration(name, builder.build());
    cache = manager.<Object, Object>getCache(name).getAdvancedCache();
    transactions = cache.getTransactionManager();
  }

  /** Puts Infinispan's own writer back in the place of this module's. */
  private void putBackInfinispans(
      CacheWriterInterceptor infinispans,
      String componentName,
      Class<? extends CacheWriterInterceptor> modules) {
    ComponentRegistry.of(cache)
        .getComponent(BasicComponentRegistry.class)
        .replaceComponent(componentName, infinispans, true);
    chain().replaceInterceptor(infinispans, modules);
  }

  private CountingStore store() {
    return CountingStore.OF_CACHE.get(cache.getName());
  }

  private AsyncInterceptorChain chain() {
    return ComponentRegistry.of(cache).getComponent(AsyncInterceptorChain.class);
  }

  private void inTransaction(Consumer<AdvancedCache<Object, Object>> work) throws Exception {
    transactions.begin();
    try {
      work.accept(cache);
    } catch (RuntimeException | Error e) {
      transactions.rollback();
      throw e;
    }
    transactions.commit();
  }

  /** A store that does not passivate: the durable session caches. */
  @Nested
  class WithAStoreThatDoesNotPassivate {

    @BeforeEach
    void startCache(TestInfo test) {
      StoreWriterSkippingEmptyBatchesTest.this.startCache(test, false);
    }

    @Test
    void itTakesTheStoreWritersPlaceAsInterceptorAndAsComponent() {
      StoreWriterSkippingEmptyBatches writer =
          assertInstanceOf(
              StoreWriterSkippingEmptyBatches.class,
              chain().findInterceptorExtending(CacheWriterInterceptor.class));
      assertSame(
          writer,
          ComponentRegistry.of(cache)
              .getComponent(BasicComponentRegistry.class)
              .getComponent(CacheWriterInterceptor.class.getName(), Object.class)
              .running());
    }

    @Test
    void aTransactionWhoseWritesAreAllKeptFromTheStoreHandsTheStoreNoBatch() throws Exception {
      inTransaction(tx -> tx.withFlags(Flag.SKIP_CACHE_STORE).put("access-time", "moved"));
      assertEquals(0, store().batches.get());
      assertNull(store().entries.get("access-time"));
      assertEquals("moved", cache.get("access-time"), "the cache in memory has it");
    }

    @Test
    void withInfinispansWriterTheSameTransactionHandsTheStoreAnEmptyBatch() throws Exception {
      putBackInfinispans(
          new DistCacheWriterInterceptor(),
          CacheWriterInterceptor.class.getName(),
          StoreWriterSkippingEmptyBatches.class);

      inTransaction(tx -> tx.withFlags(Flag.SKIP_CACHE_STORE).put("access-time", "moved"));
      assertEquals(1, store().batches.get());
      assertNull(store().entries.get("access-time"));
    }

    @Test
    void aTransactionWithAWriteForTheStoreStoresThatWriteOnly() throws Exception {
      inTransaction(
          tx -> {
            tx.withFlags(Flag.SKIP_CACHE_STORE).put("access-time", "moved");
            tx.put("attributes", "changed");
          });
      assertEquals(1, store().batches.get());
      assertEquals("changed", store().entries.get("attributes").getValue());
      assertNull(store().entries.get("access-time"));
    }

    @Test
    void aRemovalReachesTheStore() throws Exception {
      inTransaction(tx -> tx.put("session", "stored"));
      inTransaction(tx -> tx.remove("session"));
      assertEquals(2, store().batches.get());
      assertNull(store().entries.get("session"));
    }
  }

  /** A store that passivates: the session caches with erp.session.persistence=memory. */
  @Nested
  class WithAPassivatingStore {

    @BeforeEach
    void startCache(TestInfo test) {
      StoreWriterSkippingEmptyBatchesTest.this.startCache(test, true);
    }

    @Test
    void itTakesThePassivationWritersPlaceAsInterceptorAndAsComponent() {
      PassivationWriterSkippingEmptyBatches writer =
          assertInstanceOf(
              PassivationWriterSkippingEmptyBatches.class,
              chain().findInterceptorExtending(CacheWriterInterceptor.class));
      assertSame(
          writer,
          ComponentRegistry.of(cache)
              .getComponent(BasicComponentRegistry.class)
              .getComponent(PassivationWriterInterceptor.class.getName(), Object.class)
              .running());
    }

    @Test
    void aTransactionThatRemovesNothingHandsTheStoreNoBatch() throws Exception {
      inTransaction(tx -> tx.put("access-time", "moved"));
      assertEquals(0, store().batches.get());
      assertNull(store().entries.get("access-time"), "a passivating store takes evicted entries only");
      assertEquals("moved", cache.get("access-time"));
    }

    @Test
    void withInfinispansWriterTheSameTransactionHandsTheStoreAnEmptyBatch() throws Exception {
      putBackInfinispans(
          new PassivationWriterInterceptor(),
          PassivationWriterInterceptor.class.getName(),
          PassivationWriterSkippingEmptyBatches.class);

      inTransaction(tx -> tx.put("access-time", "moved"));
      assertEquals(1, store().batches.get());
      assertNull(store().entries.get("access-time"));
    }

    @Test
    void aRemovalReachesTheStore() throws Exception {
      inTransaction(tx -> tx.put("session", "held"));
      cache.evict("session");
      assertNotNull(store().entries.get("session"), "evicted, so passivated to the store");
      inTransaction(tx -> tx.remove("session"));
      assertEquals(1, store().batches.get(), "the removal's batch, and no other");
      assertNull(store().entries.get("session"));
      assertNull(cache.get("session"));
    }
  }

  /** A store in memory that counts the batches Infinispan hands it (one instance per cache). */
  public static final class CountingStore implements NonBlockingStore<Object, Object> {

    static final Map<String, CountingStore> OF_CACHE = new ConcurrentHashMap<>();

    final Map<Object, MarshallableEntry<?, ?>> entries = new ConcurrentHashMap<>();
    final AtomicInteger batches = new AtomicInteger();

    @Override
    public CompletionStage<Void> start(InitializationContext context) {
      OF_CACHE.put(context.getCache().getName(), this);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> stop() {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletionStage<MarshallableEntry<Object, Object>> load(int segment, Object key) {
      return CompletableFuture.completedFuture((MarshallableEntry<Object, Object>) entries.get(key));
    }

    @Override
    public CompletionStage<Void> write(int segment, MarshallableEntry<?, ?> entry) {
      entries.put(entry.getKey(), entry);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Boolean> delete(int segment, Object key) {
      return CompletableFuture.completedFuture(entries.remove(key) != null);
    }

    @Override
    public CompletionStage<Void> clear() {
      entries.clear();
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> batch(
        int publisherCount,
        Publisher<SegmentedPublisher<Object>> removePublisher,
        Publisher<SegmentedPublisher<MarshallableEntry<Object, Object>>> writePublisher) {
      batches.incrementAndGet();
      return NonBlockingStore.super.batch(publisherCount, removePublisher, writePublisher);
    }
  }
}
