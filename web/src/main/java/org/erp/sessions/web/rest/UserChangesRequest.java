package org.erp.sessions.web.rest;

import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.erp.sessions.application.UserChanges;
import org.erp.sessions.domain.validation.Distinct;
import org.erp.sessions.domain.validation.NoNul;
import org.erp.sessions.domain.validation.NotBlankText;

/** The body of {@code PATCH /api/admin/users/{uid}}: absent fields stay as they are. */
public record UserChangesRequest(
    Boolean active,
    @NotBlankText @NoNul String name,
    Boolean isAdmin,
    @Size(min = 1, message = "must name at least one company")
        @Distinct(message = "must not repeat a company")
        List<Integer> companyIds) {

  public UserChangesRequest {
    companyIds = companyIds == null ? null : List.copyOf(companyIds);
  }

  /** The JSON names of the fields sent, for the audit log (JsonBodies refuses a JSON null). */
  SortedSet<String> fieldsGiven() {
    SortedSet<String> given = new TreeSet<>();
    if (active != null) {
      given.add("active");
    }
    if (name != null) {
      given.add("name");
    }
    if (isAdmin != null) {
      given.add("is_admin");
    }
    if (companyIds != null) {
      given.add("company_ids");
    }
    return given;
  }

  UserChanges toUserChanges() {
    return new UserChanges(active, name, isAdmin, companyIds);
  }
}
