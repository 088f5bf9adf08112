package org.erp.sessions.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.erp.sessions.domain.data.SessionDataRules;
import org.infinispan.Cache;

/**
 * The custom data of sessions (API.md §3), in a cluster-wide cache of its own ({@code
 * session-data} in the server's {@code web} cache container: distributed, two owners,
 * synchronous): one entry per key, and per session one index entry naming its keys and the size
 * of each value.
 *
 * <p>Not session attributes: WildFly 39 keeps the attribute names of a session in one entry, and
 * requests of one session writing new keys through two nodes at once lost names (193 of 1,000
 * keys with 20 writers). Here every change to the index is a compare-and-set on its primary owner,
 * with the quotas checked inside it, so concurrent writes of different keys through any nodes lose
 * nothing, and a refused write changes nothing. A write returns once both owners hold it, apart
 * from the session's own replication batch.
 *
 * <p>Entries are keyed by the session's device handle, which stays the same for the life of the
 * session (a password change gives the session a new id, not a new handle); never by the session
 * id. They are removed when the session ends or a login replaces it, and expire at the session's
 * absolute deadline in any case.
 */
@ApplicationScoped
public class SessionDataStore {

  /** Beyond the absolute deadline, so that data never expires before its session. */
  private static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);

  @Inject
  @ServiceCache(ServiceCache.Name.SESSION_DATA)
  private Cache<String, String> cache;

  /** Key to compact JSON, sorted by key. */
  public Map<String, String> all(String handle) {
    Map<String, Integer> index = sizes(cache.get(handle));
    if (index.isEmpty()) {
      return Map.of();
    }
    Map<String, String> entryKeys = new LinkedHashMap<>();
    index.keySet().forEach(key -> entryKeys.put(entryKey(handle, key), key));
    Map<String, String> values = cache.getAdvancedCache().getAll(entryKeys.keySet());
    Map<String, String> data = new TreeMap<>();
    values.forEach(
        (entryKey, json) -> {
          if (json != null) {
            data.put(entryKeys.get(entryKey), json);
          }
        });
    return data;
  }

  public Optional<String> get(String handle, String key) {
    if (!sizes(cache.get(handle)).containsKey(key)) {
      return Optional.empty();
    }
    return Optional.ofNullable(cache.get(entryKey(handle, key)));
  }

  /**
   * Stores a value if the rules allow it given what the session holds at that instant; throws
   * the rule's refusal otherwise, with nothing changed.
   */
  public void put(
      String handle, String key, String compactJson, SessionDataRules rules, Instant expiresAt) {
    long lifespan = lifespanMillis(expiresAt);
    Integer size = SessionDataRules.sizeOf(compactJson);
    while (true) {
      String current = cache.get(handle);
      Map<String, Integer> sizes = sizes(current);
      rules.checkWrite(key, compactJson, sizes);
      // A value replaced by one of the same size leaves the index as it is: one write, not two.
      if (size.equals(sizes.get(key))) {
        break;
      }
      sizes.put(key, size);
      if (swapIndex(handle, current, encode(sizes), lifespan)) {
        break;
      }
    }
    // Not IGNORE_RETURN_VALUES: tried, and a new key was then acknowledged while the database was
    // away (SessionFailoverClusterIT's outage test, before SessionService asked SessionStoreReach
    // first); not tried again since.
    cache.put(entryKey(handle, key), compactJson, lifespan, TimeUnit.MILLISECONDS);
  }

  public void remove(String handle, String key, Instant expiresAt) {
    long lifespan = lifespanMillis(expiresAt);
    while (true) {
      String current = cache.get(handle);
      Map<String, Integer> sizes = sizes(current);
      if (sizes.remove(key) == null) {
        return;
      }
      boolean swapped =
          sizes.isEmpty()
              ? cache.remove(handle, current)
              : cache.replace(handle, current, encode(sizes), lifespan, TimeUnit.MILLISECONDS);
      if (swapped) {
        break;
      }
    }
    cache.remove(entryKey(handle, key));
  }

  /** Removes every key of the session. */
  public void clear(String handle) {
    String index = cache.remove(handle);
    sizes(index).keySet().forEach(key -> cache.remove(entryKey(handle, key)));
  }

  private boolean swapIndex(String handle, String current, String next, long lifespan) {
    return current == null
        ? cache.putIfAbsent(handle, next, lifespan, TimeUnit.MILLISECONDS) == null
        : cache.replace(handle, current, next, lifespan, TimeUnit.MILLISECONDS);
  }

  /** Infinispan expires entries by the wall clock, so this reads it, not the service's Clock. */
  private static long lifespanMillis(Instant expiresAt) {
    return Math.max(1, Duration.between(Instant.now(), expiresAt.plus(EXPIRY_MARGIN)).toMillis());
  }

  /** Keys match {@code [A-Za-z0-9_.-]} and handles are base64url: '/' separates them safely. */
  private static String entryKey(String handle, String key) {
    return handle + "/" + key;
  }

  /** The index: one "key=size" line per key, sorted. */
  static String encode(Map<String, Integer> sizes) {
    StringBuilder index = new StringBuilder();
    new TreeMap<>(sizes)
        .forEach((key, size) -> index.append(key).append('=').append(size).append('\n'));
    return index.toString();
  }

  static Map<String, Integer> sizes(String index) {
    Map<String, Integer> sizes = new TreeMap<>();
    if (index != null) {
      for (String line : index.split("\n")) {
        int equals = line.lastIndexOf('=');
        if (equals > 0) {
          sizes.put(line.substring(0, equals), Integer.parseInt(line.substring(equals + 1)));
        }
      }
    }
    return sizes;
  }
}
