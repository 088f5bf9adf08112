package org.erp.sessions.application;

import jakarta.validation.constraints.Size;
import java.util.List;
import org.erp.sessions.domain.validation.Distinct;
import org.erp.sessions.domain.validation.NoNul;
import org.erp.sessions.domain.validation.NotBlankText;

/** An administrator's partial update of a user: null fields stay as they are. */
public record UserChanges(
    Boolean active,
    @NotBlankText @NoNul @Size(max = 128, message = "must be 1 to 128 characters") String name,
    Boolean isAdmin,
    @Size(min = 1, message = "must name at least one company")
        @Distinct(message = "must not repeat a company")
        List<Integer> companyIds) {

  public UserChanges {
    companyIds = companyIds == null ? null : List.copyOf(companyIds);
  }
}
