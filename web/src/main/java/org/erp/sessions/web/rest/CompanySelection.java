package org.erp.sessions.web.rest;

import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.erp.sessions.domain.validation.Distinct;

/**
 * The body of {@code PUT /api/session/companies}: the first id becomes the current company.
 * Whether the user may access them is the service's question (403 company_not_allowed).
 */
public record CompanySelection(
    @NotEmpty(message = "must name at least one company") @Distinct List<Integer> allowedCompanyIds) {

  public CompanySelection {
    allowedCompanyIds = allowedCompanyIds == null ? null : List.copyOf(allowedCompanyIds);
  }
}
