package org.erp.sessions.infrastructure;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.erp.sessions.application.NewUser;
import org.erp.sessions.application.UserDirectory;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.user.Company;
import org.erp.sessions.domain.user.UserRepository;

/** Writes the demo data in one transaction: all of it or nothing. */
@Stateless
public class DemoDataWriter {

  @Inject private UserRepository repository;
  @EJB private UserDirectory users;
  @Inject private ErpConfig config;

  public boolean anyUser() {
    return !repository.isEmpty();
  }

  /**
   * Creates company 1 (if missing) and the administrator {@code admin} with this password (the
   * password policy applies); false if users exist.
   */
  public boolean createFirstAdministrator(String password) {
    if (anyUser()) {
      return false;
    }
    if (repository.company(1).isEmpty()) {
      repository.addCompany(new Company(1, "YourCompany"));
    }
    users.create(
        new NewUser(
            "admin", password, "Administrator", true, List.of(1), config.languages().get(0),
            "UTC"));
    return true;
  }

  /** Seeds companies 1 to 3 and the users admin, demo and portal; false if users exist. */
  public boolean seedIfEmpty() {
    if (anyUser()) {
      return false;
    }
    for (Company company :
        List.of(
            new Company(1, "YourCompany"),
            new Company(2, "My Company (San Francisco)"),
            new Company(3, "My Company (Chicago)"))) {
      if (repository.company(company.id()).isEmpty()) {
        repository.addCompany(company);
      }
    }
    users.createWithoutPasswordPolicy(
        new NewUser("admin", "admin", "Mitchell Admin", true, List.of(1, 2, 3), "en_US",
            "Europe/Brussels"));
    users.createWithoutPasswordPolicy(
        new NewUser("demo", "demo", "Marc Demo", false, List.of(1, 2), "en_US",
            "Europe/Brussels"));
    users.createWithoutPasswordPolicy(
        new NewUser("portal", "portal", "Joel Willis", false, List.of(1), "fr_FR",
            "Europe/Paris"));
    return true;
  }
}
