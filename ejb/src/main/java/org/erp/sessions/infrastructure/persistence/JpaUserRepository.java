package org.erp.sessions.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.erp.sessions.domain.user.Company;
import org.erp.sessions.domain.user.User;
import org.erp.sessions.domain.user.UserRepository;

/** Users in the database through JPA, in the caller's transaction. */
@ApplicationScoped
public class JpaUserRepository implements UserRepository {

  @PersistenceContext private EntityManager em;

  @Override
  public Optional<User> find(int uid) {
    return Optional.ofNullable(em.find(User.class, uid));
  }

  @Override
  public Optional<User> findLocked(int uid) {
    return Optional.ofNullable(em.find(User.class, uid, LockModeType.PESSIMISTIC_WRITE));
  }

  @Override
  public Optional<User> findByLogin(String login) {
    return em.createNamedQuery("User.findByLogin", User.class)
        .setParameter("login", login)
        .getResultList()
        .stream()
        .findFirst();
  }

  @Override
  public void add(User user) {
    em.persist(user);
    em.flush();
  }

  @Override
  public boolean isEmpty() {
    return em.createNamedQuery("User.count", Long.class).getSingleResult() == 0;
  }

  @Override
  public List<String> odooHashes() {
    return em.createNamedQuery("User.odooHashes", String.class).getResultList();
  }

  @Override
  public Optional<Company> company(int id) {
    return Optional.ofNullable(em.find(Company.class, id));
  }

  @Override
  public void addCompany(Company company) {
    AssignedIds.persistNew(em, company);
    em.flush();
  }
}
