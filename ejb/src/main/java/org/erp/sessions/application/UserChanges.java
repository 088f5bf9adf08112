package org.erp.sessions.application;

import java.util.List;

/** An administrator's partial update of a user: null fields stay as they are. */
public record UserChanges(Boolean active, String name, Boolean isAdmin, List<Integer> companyIds) {

  public UserChanges {
    companyIds = companyIds == null ? null : List.copyOf(companyIds);
  }
}
