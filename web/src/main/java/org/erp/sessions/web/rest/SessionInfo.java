package org.erp.sessions.web.rest;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;
import org.erp.sessions.domain.context.RequestContext;
import org.erp.sessions.domain.user.CompanyView;

/** The session info of API.md §1: who is signed in, the context, the companies, the deadlines. */
public record SessionInfo(
    int uid,
    String login,
    String name,
    @JsonbProperty("is_admin") boolean isAdmin,
    RequestContext context,
    UserCompanies userCompanies,
    Times session,
    String csrfToken,
    String serverVersion) {

  /** Every company the user may access, and the current one. */
  public record UserCompanies(int currentCompany, List<CompanyView> allowedCompanies) {}

  /** The session's timestamps, to the second, in UTC. */
  public record Times(
      Instant createdAt, Instant lastActivityAt, Instant idleExpiresAt, Instant absoluteExpiresAt) {}
}
