package org.erp.sessions.store;

import java.util.concurrent.TimeUnit;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.transaction.LockingMode;
import org.infinispan.transaction.TransactionMode;
import org.infinispan.transaction.lookup.EmbeddedTransactionManagerLookup;
import org.infinispan.util.concurrent.IsolationLevel;

/** Test caches that lock as WildFly's session caches do. */
final class SessionCacheLocking {

  private SessionCacheLocking() {}

  /**
   * In transactions (WildFly's batches), with pessimistic locks and repeatable reads, so that
   * WildFly's own code locks its reads ({@code isLockOnRead}); a lock waited for up to 30 s.
   */
  static ConfigurationBuilder asWildFlysSessionCaches() {
    ConfigurationBuilder builder = new ConfigurationBuilder();
    builder
        .transaction()
        .transactionMode(TransactionMode.TRANSACTIONAL)
        .lockingMode(LockingMode.PESSIMISTIC)
        .transactionManagerLookup(new EmbeddedTransactionManagerLookup());
    builder
        .locking()
        .isolationLevel(IsolationLevel.REPEATABLE_READ)
        .lockAcquisitionTimeout(30, TimeUnit.SECONDS);
    return builder;
  }
}
