package org.erp.sessions.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import org.hibernate.CacheMode;
import org.hibernate.Session;

/**
 * Persisting a new entity whose id the application chose (an API key's random handle, a
 * company's number) and whose class is in the second-level cache. Without a version or
 * a generated id, Hibernate cannot tell such an entity from a detached one, so persist first
 * looks for its id in the second-level cache. Infinispan records that miss as a pending load
 * owned by the Hibernate session, and since no load follows, its pending-puts cache keeps the
 * closed session (about 2 KiB with what it holds) until the entry's 60 s max-idle passes: every
 * sign-in left one behind while devices were cached (bench/README.md, capacity). A new id is
 * never in the cache, so persist is told not to look.
 */
final class AssignedIds {

  private AssignedIds() {}

  /** Persists the entity, in the caller's transaction, without reading the second-level cache. */
  static void persistNew(EntityManager em, Object entity) {
    Session session = em.unwrap(Session.class);
    CacheMode before = session.getCacheMode();
    session.setCacheMode(CacheMode.PUT);
    try {
      em.persist(entity);
    } finally {
      session.setCacheMode(before);
    }
  }
}
