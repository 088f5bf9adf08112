package org.erp.sessions.store;

import java.util.List;
import org.infinispan.commands.write.WriteCommand;
import org.infinispan.context.impl.FlagBitSets;
import org.infinispan.context.impl.TxInvocationContext;
import org.infinispan.factories.impl.ComponentAccessor;
import org.infinispan.interceptors.InvocationStage;
import org.infinispan.interceptors.impl.CacheWriterInterceptor;
import org.infinispan.interceptors.impl.DistCacheWriterInterceptor;
import org.infinispan.transaction.impl.AbstractCacheTransaction;

/**
 * Infinispan's store writer for a clustered cache, less one empty step: a transaction none of
 * whose writes is for the store (a session read, whose only write, its access time, {@link
 * AccessTimeWriteCoalescing} marks {@code SKIP_CACHE_STORE}) starts no batch for the store.
 * Infinispan starts one at every commit that wrote anything and filters the marked writes out of
 * it: it suspends the transaction, builds the store's streams and hands the write-behind queue an
 * empty batch, 28 of 452 request-thread samples (6 %) of a session read in bench/profile-read.sh.
 * The store gets exactly what it got before; only the empty batch is gone. A cache whose store
 * passivates has {@link PassivationWriterSkippingEmptyBatches} instead.
 */
final class StoreWriterSkippingEmptyBatches extends DistCacheWriterInterceptor {

  /** Infinispan's scope ordinal for a cache's components ({@code Scopes.NAMED_CACHE}). */
  private static final int NAMED_CACHE_SCOPE = 1;

  /** The flags that keep a write out of the store's batch (Infinispan's PersistenceManagerImpl). */
  static final long NOT_STORED = FlagBitSets.SKIP_CACHE_STORE | FlagBitSets.ROLLING_UPGRADE;

  static ComponentAccessor<StoreWriterSkippingEmptyBatches> accessor() {
    return accessorOf(StoreWriterSkippingEmptyBatches.class, DistCacheWriterInterceptor.class);
  }

  /**
   * How Infinispan wires such a writer: as the writer it extends, whose own accessors inject its
   * fields and start it (these classes have no fields of their own to inject).
   */
  static <T extends CacheWriterInterceptor> ComponentAccessor<T> accessorOf(
      Class<T> writer, Class<? super T> infinispans) {
    return new ComponentAccessor<>(
        writer.getName(), NAMED_CACHE_SCOPE, false, infinispans.getName(), List.of());
  }

  @Override
  protected InvocationStage commitModifications(TxInvocationContext<AbstractCacheTransaction> ctx)
      throws Throwable {
    for (WriteCommand write : ctx.getCacheTransaction().getAllModifications()) {
      if (!write.hasAnyFlag(NOT_STORED)) {
        return super.commitModifications(ctx);
      }
    }
    return null; // as Infinispan does for a transaction that wrote nothing
  }
}
