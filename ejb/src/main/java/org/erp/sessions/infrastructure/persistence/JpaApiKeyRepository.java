package org.erp.sessions.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.erp.sessions.domain.apikey.ApiKey;
import org.erp.sessions.domain.apikey.ApiKeyRepository;

/** API keys in the database through JPA, in the caller's transaction. */
@ApplicationScoped
public class JpaApiKeyRepository implements ApiKeyRepository {

  @PersistenceContext private EntityManager em;

  @Override
  public Optional<ApiKey> find(String id) {
    return Optional.ofNullable(em.find(ApiKey.class, id));
  }

  @Override
  public void add(ApiKey key) {
    AssignedIds.persistNew(em, key);
  }

  @Override
  public List<ApiKey> notRevokedOfUser(int uid) {
    return em.createNamedQuery("ApiKey.notRevokedOfUser", ApiKey.class)
        .setParameter("uid", uid)
        .getResultList();
  }
}
