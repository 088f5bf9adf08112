package org.erp.sessions.web.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erp.sessions.application.DeviceRegistry;
import org.erp.sessions.application.session.SessionAudit;
import org.erp.sessions.infrastructure.http.CurrentSession;
import org.erp.sessions.infrastructure.http.SessionAuthentication;

/** Administrators end any one session by its device id (API.md §6). */
@ApplicationScoped
@Path("admin/sessions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(SessionAuthentication.ADMIN)
@Tag(name = "Administration")
public class AdminSessionResource {

  @Inject private DeviceRegistry devices;
  @Inject private CurrentSession current;
  @Inject private SessionAudit audit;

  @DELETE
  @Path("{id}")
  @Operation(summary = "End one session by its device id; 404 not_found")
  public Response endSession(@PathParam("id") String id) {
    devices.revokeAny(id);
    audit.deviceRevoked(current.actor(), id);
    return Response.noContent().build();
  }
}
