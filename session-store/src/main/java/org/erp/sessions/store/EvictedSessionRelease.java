package org.erp.sessions.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.infinispan.AdvancedCache;
import org.infinispan.container.entries.InternalCacheEntry;
import org.infinispan.container.impl.InternalDataContainer;
import org.infinispan.distribution.ch.KeyPartitioner;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntriesEvicted;
import org.infinispan.notifications.cachelistener.event.CacheEntriesEvictedEvent;
import org.wildfly.clustering.session.infinispan.embedded.attributes.SessionAttributesKey;
import org.wildfly.clustering.session.infinispan.embedded.metadata.SessionMetaDataKey;

/**
 * Lets a session that WildFly evicted for {@code max-active-sessions} (erp.session.max-in-memory)
 * really leave the heap. Without it, WildFly 39.0.1 (wildfly-clustering 9.0.2) keeps every
 * session in memory whatever the bound, for two reasons:
 *
 * <ul>
 *   <li>Its bounded data container evicts a session's meta-data entry from its eviction cache but
 *       leaves it in the per-segment map that the container keeps beside it for iteration, so the
 *       entry stays reachable (fixed upstream after 9.0.2, in wildfly-clustering commit
 *       0f947971: the eviction listener now removes the entry from its segment's map).
 *   <li>It evicts a session's attributes only after the meta-data is <em>passivated</em>. A shared
 *       store, which durable sessions need, does not passivate, so the attributes (the largest
 *       part) stay.
 * </ul>
 *
 * Both are done here, on the node that evicted, after each eviction; and {@link #sweep()}, run
 * every few seconds, catches what an eviction cannot: the attributes of a session that a request
 * loads after its meta-data was already evicted again (the eviction cache may turn away a newly
 * loaded entry at once), once two sweeps in a row found them so. Nothing is lost: with a shared
 * store, an entry is in the store or in the write-behind queue of the node that wrote it (which
 * its reads consult), and the next request of the session loads it again. Another owner cannot
 * see that queue, so the sweep leaves a fresh orphan alone until the queue has written it.
 *
 * <p>The first reason holds for every bounded cache of the container: the custom data's {@code
 * session-data} cache gets the same release (its keys are not sessions', so only the segment
 * maps are mended there); without it, its bound would hold nothing (bench/durable.sh).
 */
@Listener(sync = false)
public final class EvictedSessionRelease {

  /** A key no cache holds, equal to nothing else: reading it only misses. */
  private static final Object MAINTENANCE_PROBE = new Object();

  private final AdvancedCache<Object, Object> cache;
  private final InternalDataContainer<Object, Object> container;
  private final KeyPartitioner partitioner;
  private final boolean cascade;
  // Only the sweeper thread touches it.
  private Set<SessionAttributesKey> orphanedAtLastSweep = Set.of();

  /**
   * @param cascade whether to evict a session's attributes without its meta-data: not when the
   *     cache passivates, where WildFly does that itself
   */
  EvictedSessionRelease(
      AdvancedCache<Object, Object> cache,
      InternalDataContainer<Object, Object> container,
      KeyPartitioner partitioner,
      boolean cascade) {
    this.cache = cache;
    this.container = container;
    this.partitioner = partitioner;
    this.cascade = cascade;
  }

  @CacheEntriesEvicted
  public void evicted(CacheEntriesEvictedEvent<Object, Object> event) {
    for (Object key : event.getEntries().keySet()) {
      dropFromSegmentMap(key);
      if (cascade && key instanceof SessionMetaDataKey metaData) {
        cache.evict(new SessionAttributesKey(metaData.getId()));
      }
    }
  }

  /**
   * Releases what the eviction events left: stale segment-map entries, orphaned attributes, and
   * entries already removed that the container's eviction cache still links.
   */
  void sweep() {
    // Caffeine, which bounds the container, unlinks a removed entry from its eviction order in its
    // maintenance; WildFly's container runs that on the calling thread and schedules none. So a
    // removal made while another thread held the maintenance lock waits for the next write to the
    // cache: until then the entry, session state and all, stays reachable (1,001 sessions held
    // under a bound of 1,000, once, in CI's durable test). A read that misses runs what is pending.
    // (The container's cleanUp() would too, but in WildFly 39.0.1 its module cannot see Caffeine's
    // classes: NoClassDefFoundError.)
    container.get(partitioner.getSegment(MAINTENANCE_PROBE), MAINTENANCE_PROBE);
    List<Object> stale = new ArrayList<>();
    container.forEachSegment(
        (map, segment) ->
            map.keySet().forEach(key -> {
              if (container.peek(segment, key) == null) {
                stale.add(key);
              }
            }));
    stale.forEach(this::dropFromSegmentMap);
    if (!cascade) {
      return;
    }
    Set<SessionAttributesKey> orphaned = new HashSet<>();
    for (InternalCacheEntry<Object, Object> entry : container) {
      if (entry.getKey() instanceof SessionAttributesKey attributes && !inMemory(attributes.getId())) {
        orphaned.add(attributes);
      }
    }
    // Only what was orphaned at the previous sweep too. A session being created is briefly
    // orphaned here (a transaction's entries are committed one by one), and on a node that is not
    // the one that created it, the store may not have the attributes yet (the creating node's
    // write-behind queue holds them): released then, the session would be read back without its
    // state, "not signed in". A sweep later, both are done.
    orphaned.stream().filter(orphanedAtLastSweep::contains).forEach(cache::evict);
    orphanedAtLastSweep = orphaned;
  }

  private boolean inMemory(String sessionId) {
    SessionMetaDataKey metaData = new SessionMetaDataKey(sessionId);
    return container.peek(partitioner.getSegment(metaData), metaData) != null;
  }

  /**
   * Removes KEY's entry from its segment's map unless the key is in memory again. Done under the
   * eviction cache's lock of the key, so a request that loads the session again at the same time
   * either comes first (and the entry stays) or waits (and writes both maps afresh).
   */
  private void dropFromSegmentMap(Object key) {
    int segment = partitioner.getSegment(key);
    container.compute(
        segment,
        key,
        (k, inMemory, factory) -> {
          if (inMemory == null) {
            container.forEachSegment(
                (map, index) -> {
                  if (index == segment) {
                    map.remove(k);
                  }
                });
          }
          return inMemory;
        });
  }
}
