package org.erp.sessions.application;

import java.util.List;

/** What an administrator gives to create a user. */
public record NewUser(
    String login,
    String password,
    String name,
    boolean isAdmin,
    List<Integer> companyIds,
    String lang,
    String tz) {

  public NewUser {
    companyIds = List.copyOf(companyIds);
  }
}
