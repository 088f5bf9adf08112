package org.erp.sessions.web.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erp.sessions.application.session.IdentityCheck;
import org.erp.sessions.infrastructure.http.CurrentSession;
import org.erp.sessions.web.json.RequestBodies;
import org.erp.sessions.web.session.HttpClients;

/** The identity check before sensitive actions (API.md §12). */
@ApplicationScoped
@Path("session/identity")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Session")
public class IdentityResource {

  @Inject private CurrentSession current;
  @Inject private IdentityCheck identity;
  @Inject private RequestBodies bodies;
  @Context private HttpServletRequest request;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Confirm my identity for sensitive actions",
      description =
          "{password} or {code}. 204: for erp.identity-check.window from now, this session may"
              + " change the password, create API keys and sign out of every other device; they"
              + " answer 403 identity_check_required otherwise. A wrong password is 403"
              + " invalid_credentials and counts towards the login cooldown (429"
              + " too_many_attempts); a wrong or used two-factor code, or a code from a user"
              + " without two-factor authentication, is 422 invalid_code (codes count towards"
              + " the cooldown too). Requests authenticated by an API key: 403"
              + " identity_check_required.")
  public Response confirm(InputStream body) {
    IdentityRequest proof = bodies.read(body, IdentityRequest.class);
    if (proof.password() != null) {
      identity.confirmPassword(
          current.storage(), current.get(), proof.password(), HttpClients.of(request));
    } else {
      identity.confirmCode(current.storage(), current.get(), proof.code(), HttpClients.of(request));
    }
    return Response.noContent().build();
  }
}
