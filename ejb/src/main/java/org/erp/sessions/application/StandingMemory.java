package org.erp.sessions.application;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * What this node read of some users' or devices' standing, each value kept under the version
 * ({@code StandingVersions}) read before it. {@link #get} finds it while that version is still
 * the current one and the value is younger than the refresh age; {@link #lastKnown} also finds an
 * older one, up to the maximum age, for when it cannot be read again (the database is down).
 * Bounded: once full, values older than the refresh age are dropped, and while it stays full new
 * ones are not kept (those reads go to Hibernate: a user from its second-level cache, a device
 * from the database).
 */
final class StandingMemory<K, V> {

  private record Kept<V>(V value, Object version, long readAtNanos) {}

  private final ConcurrentHashMap<K, Kept<V>> kept = new ConcurrentHashMap<>();
  private final int capacity;
  private final long refreshAgeNanos;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private volatile long sweptAtNanos;

  StandingMemory(int capacity, long refreshAgeNanos, long maxAgeNanos, LongSupplier nanoTime) {
    this.capacity = capacity;
    this.refreshAgeNanos = refreshAgeNanos;
    this.maxAgeNanos = maxAgeNanos;
    this.nanoTime = nanoTime;
    this.sweptAtNanos = nanoTime.getAsLong() - refreshAgeNanos;
  }

  /** The value kept for the key under this version and younger than the refresh age, or null. */
  V get(K key, Object version) {
    return find(key, version, refreshAgeNanos);
  }

  /** The value kept for the key under this version and younger than the maximum age, or null. */
  V lastKnown(K key, Object version) {
    return find(key, version, maxAgeNanos);
  }

  /** Keeps a value read after the version was read (never before: it could be older). */
  void put(K key, Object version, V value) {
    long now = nanoTime.getAsLong();
    if (kept.size() >= capacity && !kept.containsKey(key)) {
      // Full of young values: a sweep would free nothing, so the next one waits a while rather
      // than scanning the whole memory on every read.
      if (now - sweptAtNanos < refreshAgeNanos / 8) {
        return;
      }
      sweptAtNanos = now;
      kept.values().removeIf(old -> now - old.readAtNanos() > refreshAgeNanos);
      if (kept.size() >= capacity) {
        return;
      }
    }
    kept.put(key, new Kept<>(value, version, now));
  }

  /** Replaces a kept value, under its version and age, by what the function makes of it. */
  void update(K key, UnaryOperator<V> change) {
    kept.computeIfPresent(
        key, (k, old) -> new Kept<>(change.apply(old.value()), old.version(), old.readAtNanos()));
  }

  int size() {
    return kept.size();
  }

  private V find(K key, Object version, long ageNanos) {
    Kept<V> found = kept.get(key);
    if (found == null) {
      return null;
    }
    long age = nanoTime.getAsLong() - found.readAtNanos();
    if (!Objects.equals(found.version(), version) || age > maxAgeNanos) {
      kept.remove(key, found);
      return null;
    }
    return age > ageNanos ? null : found.value();
  }
}
