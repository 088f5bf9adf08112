package org.erp.sessions.application;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What this node read of some users' or devices' standing, each value kept under the version
 * ({@code StandingVersions}) read before it: found again only while that version is still the
 * current one and the value is younger than the maximum age. Bounded: once full, values older
 * than the maximum age are dropped, and while it stays full new ones are not kept (those reads go
 * to Hibernate's second-level cache, as before this memory).
 */
final class StandingMemory<K, V> {

  private record Kept<V>(V value, Object version, long readAtNanos) {}

  private final ConcurrentHashMap<K, Kept<V>> kept = new ConcurrentHashMap<>();
  private final int capacity;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private volatile long sweptAtNanos;

  StandingMemory(int capacity, long maxAgeNanos, LongSupplier nanoTime) {
    this.capacity = capacity;
    this.maxAgeNanos = maxAgeNanos;
    this.nanoTime = nanoTime;
    this.sweptAtNanos = nanoTime.getAsLong() - maxAgeNanos;
  }

  /** The value kept for the key under this version, or null. */
  V get(K key, Object version) {
    Kept<V> found = kept.get(key);
    if (found == null) {
      return null;
    }
    if (!Objects.equals(found.version(), version) || tooOld(found, nanoTime.getAsLong())) {
      kept.remove(key, found);
      return null;
    }
    return found.value();
  }

  /** Keeps a value read after the version was read (never before: it could be older). */
  void put(K key, Object version, V value) {
    long now = nanoTime.getAsLong();
    if (kept.size() >= capacity && !kept.containsKey(key)) {
      // Full of young values: a sweep would free nothing, so the next one waits a while rather
      // than scanning the whole memory on every read.
      if (now - sweptAtNanos < maxAgeNanos / 8) {
        return;
      }
      sweptAtNanos = now;
      kept.values().removeIf(old -> tooOld(old, now));
      if (kept.size() >= capacity) {
        return;
      }
    }
    kept.put(key, new Kept<>(value, version, now));
  }

  int size() {
    return kept.size();
  }

  private boolean tooOld(Kept<V> value, long now) {
    return now - value.readAtNanos() > maxAgeNanos;
  }
}
