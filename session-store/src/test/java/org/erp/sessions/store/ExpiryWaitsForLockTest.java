package org.erp.sessions.store;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.transaction.TransactionManager;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.infinispan.AdvancedCache;
import org.infinispan.context.Flag;
import org.infinispan.factories.ComponentRegistry;
import org.infinispan.interceptors.AsyncInterceptorChain;
import org.infinispan.manager.DefaultCacheManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.wildfly.clustering.cache.infinispan.embedded.EmbeddedCacheConfiguration;
import org.wildfly.clustering.session.cache.metadata.coarse.DefaultSessionMetaDataEntry;
import org.wildfly.clustering.session.infinispan.embedded.attributes.SessionAttributesKey;
import org.wildfly.clustering.session.infinispan.embedded.metadata.InfinispanSessionMetaDataFactory;
import org.wildfly.clustering.session.infinispan.embedded.metadata.SessionMetaDataKey;

/**
 * {@link ExpiryWaitsForLock} on a real (local) Infinispan cache that locks as WildFly's session
 * caches do (transactions, pessimistic locks), where this module's {@link StoreModuleLifecycle}
 * installed it: a request holds a session's lock, and the expiration's read comes while it does.
 * The reads are WildFly's own code (the meta-data factory's {@code tryValue}, which its {@code
 * SessionExpirationTask} calls, and its try-lock cache), not copies of its flags: a WildFly
 * upgrade that reads otherwise fails here, and the interceptor is to be checked against it again.
 */
class ExpiryWaitsForLockTest {

  private static final String ID = "in-a-request";

  private static DefaultCacheManager manager;
  private AdvancedCache<Object, Object> cache;
  private TransactionManager transactions;
  private EmbeddedCacheConfiguration wildfly;

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
    manager.defineConfiguration(name, SessionCacheLocking.asWildFlysSessionCaches().build());
    cache = manager.<Object, Object>getCache(name).getAdvancedCache();
    transactions = cache.getTransactionManager();
    wildfly = EmbeddedCacheConfiguration.of(cache);
  }

  /** WildFly's read of a session's meta-data when it expires the session. */
  private Object wildflysExpiryRead() {
    return new InfinispanSessionMetaDataFactory<>(wildfly).tryValue(ID);
  }

  /** This module's lifecycle (found by Infinispan, as in WildFly) installed it at the start. */
  private void removeInterceptor() {
    ComponentRegistry.of(cache)
        .getComponent(AsyncInterceptorChain.class)
        .removeInterceptor(ExpiryWaitsForLock.class);
  }

  /**
   * Runs READ in a transaction, as WildFly's expiration does in its batch, while another
   * transaction holds KEY's lock, which that transaction lets go of once the read has returned or
   * RELEASE_AFTER_MS have passed (the cache waits up to 30 s for a lock): a read that waited finds
   * the value, one that did not, nothing.
   */
  private Object readWhileLocked(Object key, Object value, Supplier<Object> read, long releaseAfterMs)
      throws Exception {
    cache.put(key, value);
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
      return inTransaction(read);
    } finally {
      readDone.countDown();
      request.get(30, TimeUnit.SECONDS);
    }
  }

  private Object expiryReadWhileLocked(long releaseAfterMs) throws Exception {
    return readWhileLocked(
        new SessionMetaDataKey(ID),
        new DefaultSessionMetaDataEntry<>(Instant.now()),
        this::wildflysExpiryRead,
        releaseAfterMs);
  }

  @Test
  void withoutItWildflysExpiryReadOfALockedSessionFindsNothing() throws Exception {
    removeInterceptor();
    assertNull(expiryReadWhileLocked(5_000));
  }

  @Test
  void wildflysExpiryReadOfALockedSessionWaitsForTheLockAndFindsTheSession() throws Exception {
    assertNotNull(expiryReadWhileLocked(300));
  }

  @Test
  void wildflysOtherReadsWithoutWaitStayWithoutWait() throws Exception {
    SessionAttributesKey attributes = new SessionAttributesKey(ID);
    assertNull(
        readWhileLocked(
            attributes,
            "attributes",
            () -> wildfly.getTryReadForUpdateCache().get(attributes),
            5_000));
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
