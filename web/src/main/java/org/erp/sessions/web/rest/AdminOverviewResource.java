package org.erp.sessions.web.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erp.sessions.application.AdminOverview;
import org.erp.sessions.application.AdminOverview.Overview;
import org.erp.sessions.infrastructure.http.SessionAuthentication;

/** The administrators' overview of the ERP page (API.md §6). */
@ApplicationScoped
@Path("admin/overview")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(SessionAuthentication.ADMIN)
@Tag(name = "Administration")
public class AdminOverviewResource {

  @Inject private AdminOverview overview;

  @GET
  @Operation(
      summary = "The cluster members with their sessions, and the sign-ins per minute of the last hour",
      description =
          "{\"node\": \"node1\", \"members\": [{\"name\": \"node1\", \"sessions\": 12},"
              + " {\"name\": \"node2\", \"sessions\": null}], \"logins_per_minute\":"
              + " [{\"minute\": \"2026-12-01T21:02:00Z\", \"count\": 0}, ...]}: sessions as each"
              + " member last reported them (null: no report within a minute); successful"
              + " sign-ins of the whole cluster, 60 UTC minutes, oldest first, the current minute"
              + " last.")
  public Overview overview() {
    return overview.overview();
  }
}
