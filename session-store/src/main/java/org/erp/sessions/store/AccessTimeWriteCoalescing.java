package org.erp.sessions.store;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.erp.sessions.store.AccessTimeWritePolicy.Stored;
import org.infinispan.commands.write.ComputeCommand;
import org.infinispan.commands.write.RemoveCommand;
import org.infinispan.container.entries.CacheEntry;
import org.infinispan.context.InvocationContext;
import org.infinispan.context.impl.FlagBitSets;
import org.infinispan.interceptors.DDAsyncInterceptor;
import org.wildfly.clustering.session.cache.metadata.coarse.ImmutableSessionMetaDataEntry;
import org.wildfly.clustering.session.infinispan.embedded.metadata.SessionMetaDataKey;

/**
 * Keeps access-only rewrites of a session's meta-data entry out of the cache store, as {@link
 * AccessTimeWritePolicy} allows, by marking them {@code SKIP_CACHE_STORE}. The cache in memory,
 * and the other owners in a cluster, still get every rewrite; only the database write waits.
 *
 * <p>It sits just before the command is carried out, so it sees the entry as the command left it,
 * and marks the command before the store writer looks at it: right after it in a cache without
 * transactions, at the commit in WildFly's batching session cache (which stores the commands of
 * the batch as they were marked). It decides only where a command starts; the owner that stores a
 * command from another node stores what the sender decided.
 */
final class AccessTimeWriteCoalescing extends DDAsyncInterceptor {

  private final AccessTimeWritePolicy policy;
  private final Map<Object, Stored> stored = new ConcurrentHashMap<>();

  AccessTimeWriteCoalescing(AccessTimeWritePolicy policy) {
    this.policy = policy;
  }

  @Override
  public Object visitComputeCommand(InvocationContext ctx, ComputeCommand command)
      throws Throwable {
    if (!(command.getKey() instanceof SessionMetaDataKey) || !ctx.isOriginLocal()) {
      return invokeNext(ctx, command);
    }
    return invokeNextThenAccept(
        ctx, command, (rCtx, rCommand, rv) -> decide(rCtx, (ComputeCommand) rCommand));
  }

  @Override
  public Object visitRemoveCommand(InvocationContext ctx, RemoveCommand command) throws Throwable {
    stored.remove(command.getKey());
    return invokeNext(ctx, command);
  }

  private void decide(InvocationContext ctx, ComputeCommand command) {
    Object key = command.getKey();
    CacheEntry<?, ?> entry = ctx.lookupEntry(key);
    if (entry == null
        || !entry.isChanged()
        || entry.isRemoved()
        || !(entry.getValue() instanceof ImmutableSessionMetaDataEntry metaData)) {
      stored.remove(key);
      return;
    }
    if (command.hasAnyFlag(FlagBitSets.SKIP_CACHE_STORE)) {
      return;
    }
    Instant now = Instant.now();
    boolean isNew = metaData.isNew();
    if (policy.mayDefer(stored.get(key), metaData.getCreationTime(), metaData.getMaxIdle(), isNew, now)) {
      command.addFlags(FlagBitSets.SKIP_CACHE_STORE);
    } else {
      stored.put(key, new Stored(metaData.getCreationTime(), metaData.getMaxIdle(), isNew, now));
    }
  }

  /**
   * Forgets what was stored a resolution or more before {@code now}: no window is longer, so such
   * an entry's next change is stored anyway. Keeps this map to the sessions used lately.
   */
  void forgetExpiredWindows(Instant now) {
    Instant cutoff = now.minus(policy.resolution());
    stored.values().removeIf(last -> !last.at().isAfter(cutoff));
  }
}
