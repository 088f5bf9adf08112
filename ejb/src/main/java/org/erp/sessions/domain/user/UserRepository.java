package org.erp.sessions.domain.user;

import java.util.List;
import java.util.Optional;

/**
 * Where users are kept (as Cargo Tracker's CargoRepository): the application services reach
 * users only through it, inside their own transaction.
 */
public interface UserRepository {

  Optional<User> find(int uid);

  /**
   * The user, locked until the transaction ends: logins of one user are serialized on it, so two
   * at once cannot both slip under the session limit.
   */
  Optional<User> findLocked(int uid);

  Optional<User> findByLogin(String login);

  /** Adds a new user; its uid is known afterwards. */
  void add(User user);

  /** Whether there is any user at all (a new database has none). */
  boolean isEmpty();

  /** The stored password hashes that came from Odoo (PBKDF2), for the equal-cost decoy. */
  List<String> odooHashes();

  Optional<Company> company(int id);

  void addCompany(Company company);
}
