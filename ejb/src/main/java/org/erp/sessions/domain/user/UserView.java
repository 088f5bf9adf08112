package org.erp.sessions.domain.user;

import java.util.List;

/** An immutable snapshot of a user, as the web layer sees it. Never carries the password hash. */
public record UserView(
    int uid,
    String login,
    String name,
    boolean isAdmin,
    boolean active,
    String lang,
    String tz,
    List<Integer> companyIds,
    String securityStamp) {

  public UserView {
    companyIds = List.copyOf(companyIds);
  }

  public boolean mayAccessCompany(int companyId) {
    return companyIds.contains(companyId);
  }
}
