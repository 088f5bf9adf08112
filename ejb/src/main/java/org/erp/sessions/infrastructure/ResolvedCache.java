package org.erp.sessions.infrastructure;

import org.infinispan.Cache;

/**
 * The cache behind one that WildFly injected with {@code @Resource(lookup =
 * "java:jboss/infinispan/cache/...")}. What WildFly 39 injects resolves the cache from its
 * container again on every call (its {@code LazyCache}): the container's {@code getCache} works
 * out the deployment's media types each time, with regular expressions and a lock, which was
 * most of what a replicated cache read cost in a JFR profile of the session read (bench/README.md).
 * Resolve it once, in the bean's {@code @PostConstruct}: the injected one still makes the
 * deployment depend on the cache, so the cache is started before the bean and outlives it.
 */
public final class ResolvedCache {

  private ResolvedCache() {}

  public static <K, V> Cache<K, V> of(Cache<K, V> injected) {
    return injected.getAdvancedCache();
  }
}
