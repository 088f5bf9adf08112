package org.erp.sessions.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.transaction.TransactionManager;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.infinispan.AdvancedCache;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.context.Flag;
import org.infinispan.factories.ComponentRegistry;
import org.infinispan.interceptors.AsyncInterceptorChain;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.transaction.LockingMode;
import org.infinispan.transaction.TransactionMode;
import org.infinispan.transaction.lookup.EmbeddedTransactionManagerLookup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.wildfly.clustering.session.infinispan.embedded.attributes.SessionAttributesKey;
import org.wildfly.clustering.session.infinispan.embedded.metadata.SessionMetaDataKey;

/**
 * {@link ExpiryWaitsForLock} on a real (local) Infinispan cache that locks as WildFly's session
 * caches do (transactions, pessimistic locks), where this module's {@link StoreModuleLifecycle}
 * installed it: a request holds a session's lock, and the expiration's read, with WildFly's
 * flags, comes while it does.
 */
class ExpiryWaitsForLockTest {

  /** The flags of WildFly's read for an expiration (EmbeddedCacheConfiguration). */
  private static final Flag[] EXPIRY_READ = {
    Flag.FORCE_WRITE_LOCK, Flag.ZERO_LOCK_ACQUISITION_TIMEOUT, Flag.FAIL_SILENTLY
  };

  private static DefaultCacheManager manager;
  private AdvancedCache<Object, Object> cache;
  private TransactionManager transactions;

  @BeforeAll
  static void startCacheManager() {
    manager = new DefaultCacheManager();
  }

  @AfterAll
  static void stopCacheManager() {
    manager.stop();
  }

  @BeforeEach
  void startCache(TestInfo test) {
    String name = test.getTestMethod().orElseThrow().getName();
    ConfigurationBuilder builder = new ConfigurationBuilder();
    builder
        .transaction()
        .transactionMode(TransactionMode.TRANSACTIONAL)
        .lockingMode(LockingMode.PESSIMISTIC)
        .transactionManagerLookup(new EmbeddedTransactionManagerLookup());
    builder.locking().lockAcquisitionTimeout(30, TimeUnit.SECONDS);
    manager.defineConfiguration(name, builder.build());
    cache = manager.<Object, Object>getCache(name).getAdvancedCache();
    transactions = cache.getTransactionManager();
  }

  /** This module's lifecycle (found by Infinispan, as in WildFly) installed it at the start. */
  private void removeInterceptor() {
    ComponentRegistry.of(cache)
        .getComponent(AsyncInterceptorChain.class)
        .removeInterceptor(ExpiryWaitsForLock.class);
  }

  /**
   * Reads KEY as WildFly's expiration does while another transaction holds its lock, which that
   * transaction lets go of once the read has returned or RELEASE_AFTER_MS have passed (the cache
   * waits up to 30 s for a lock): a read that waited finds the value, one that did not, nothing.
   */
  private Object expiryReadWhileLocked(Object key, long releaseAfterMs) throws Exception {
    cache.put(key, "stored");
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch readDone = new CountDownLatch(1);
    CompletableFuture<Void> request =
        CompletableFuture.runAsync(
            () -> inTransaction(
                () -> {
                  cache.withFlags(Flag.FORCE_WRITE_LOCK).get(key);
                  locked.countDown();
                  await(readDone, releaseAfterMs);
                  return null;
                }));
    await(locked, 30_000);
    try {
      return inTransaction(() -> cache.withFlags(EXPIRY_READ).get(key));
    } finally {
      readDone.countDown();
      request.get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void withoutItTheExpirysReadOfALockedSessionFindsNothing() throws Exception {
    removeInterceptor();
    assertNull(expiryReadWhileLocked(new SessionMetaDataKey("in-a-request"), 5_000));
  }

  @Test
  void theExpirysReadOfALockedSessionWaitsForTheLockAndFindsTheSession() throws Exception {
    assertEquals("stored", expiryReadWhileLocked(new SessionMetaDataKey("in-a-request"), 300));
  }

  @Test
  void otherReadsWithoutWaitStayWithoutWait() throws Exception {
    assertNull(expiryReadWhileLocked(new SessionAttributesKey("in-a-request"), 5_000));
  }

  private <T> T inTransaction(Supplier<T> work) {
    try {
      transactions.begin();
      try {
        T result = work.get();
        transactions.commit();
        return result;
      } catch (RuntimeException | Error e) {
        transactions.rollback();
        throw e;
      }
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(CountDownLatch latch, long ms) {
    try {
      latch.await(ms, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
