package org.erp.sessions.application;

import java.util.List;

/**
 * What an administrator gives to create a user: a password, or a hash imported from Odoo (or
 * another installation of this service) with {@code password} null.
 */
public record NewUser(
    String login,
    String password,
    String importedPasswordHash,
    String name,
    boolean isAdmin,
    List<Integer> companyIds,
    String lang,
    String tz) {

  public NewUser {
    companyIds = List.copyOf(companyIds);
  }

  /** A user with a password. */
  public NewUser(
      String login,
      String password,
      String name,
      boolean isAdmin,
      List<Integer> companyIds,
      String lang,
      String tz) {
    this(login, password, null, name, isAdmin, companyIds, lang, tz);
  }
}
