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
import org.erp.sessions.application.ApiKeys;
import org.erp.sessions.application.session.SessionAudit;
import org.erp.sessions.infrastructure.http.CurrentSession;
import org.erp.sessions.infrastructure.http.SessionAuthentication;

/**
 * Revoking any user's API key, for administrators (API.md §13); others get 403 forbidden. A
 * user's keys are listed at {@code GET /api/admin/users/{uid}/api-keys} (AdminUserResource).
 */
@ApplicationScoped
@Path("admin/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(SessionAuthentication.ADMIN)
@Tag(name = "Administration")
public class AdminApiKeyResource {

  @Inject private ApiKeys keys;
  @Inject private CurrentSession current;
  @Inject private SessionAudit audit;

  @DELETE
  @Path("{id}")
  @Operation(
      summary = "Revoke any user's API key",
      description =
          "204; its next use, on any node, is 401, and sessions started with it end. 404"
              + " not_found unless the key exists and is not revoked yet.")
  public Response revoke(@PathParam("id") String id) {
    int owner = keys.revokeAny(id);
    audit.apiKeyRevoked(current.actor(), id, owner);
    return Response.noContent().build();
  }
}
