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
import org.erp.sessions.application.TwoFactorService;
import org.erp.sessions.application.UserDirectory;
import org.erp.sessions.application.session.SessionAudit;
import org.erp.sessions.infrastructure.http.CurrentSession;
import org.erp.sessions.infrastructure.http.SessionAuthentication;

/** An administrator resets a user's two-factor authentication (API.md §14), audited. */
@ApplicationScoped
@Path("admin/users/{uid: [0-9]{1,9}}/totp")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(SessionAuthentication.ADMIN)
@Tag(name = "Administration")
public class AdminTotpResource {

  @Inject private TwoFactorService twoFactor;
  @Inject private UserDirectory users;
  @Inject private CurrentSession current;
  @Inject private SessionAudit audit;

  @DELETE
  @Operation(
      summary = "Reset a user's two-factor authentication",
      description = "204: off, its secret and remembered browsers forgotten. 404 not_found.")
  public Response reset(@PathParam("uid") int uid) {
    users.get(uid); // 404 for an unknown user
    boolean wasEnabled = twoFactor.disable(uid);
    audit.twoFactorReset(current.actor(), uid, wasEnabled);
    return Response.noContent().build();
  }
}
