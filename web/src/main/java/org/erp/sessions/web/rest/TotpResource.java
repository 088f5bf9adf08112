package org.erp.sessions.web.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erp.sessions.application.TwoFactorService.Enrolment;
import org.erp.sessions.application.TwoFactorService;
import org.erp.sessions.application.session.ActiveSession;
import org.erp.sessions.application.session.IdentityCheck;
import org.erp.sessions.application.session.SessionAudit;
import org.erp.sessions.infrastructure.JsonProcessing;
import org.erp.sessions.infrastructure.http.CurrentSession;
import org.erp.sessions.web.json.RequestBodies;

/** The signed-in user's own two-factor authentication (API.md §14). */
@ApplicationScoped
@Path("me/totp")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Me")
public class TotpResource {

  @Inject private CurrentSession current;
  @Inject private TwoFactorService twoFactor;
  @Inject private IdentityCheck identity;
  @Inject private SessionAudit audit;
  @Inject private RequestBodies bodies;

  @GET
  @Operation(summary = "Whether two-factor authentication is on: {enabled}")
  public JsonObject status() {
    return JsonProcessing.createObjectBuilder().add("enabled", twoFactor.enabled(current.get().uid())).build();
  }

  @POST
  @Operation(
      summary = "Start enrolment",
      description =
          "200 {secret, otpauth_uri, qr_svg}: a new secret (base32), not in force until PUT"
              + " confirms it; the QR code is drawn by the server. 409 totp_already_enabled.")
  public Enrolment enrol() {
    ActiveSession active = current.get();
    return twoFactor.enrol(active.uid(), active.user().login());
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Confirm enrolment with a code",
      description =
          "204: on from the next sign-in. 422 invalid_code for a wrong code; 404 not_found"
              + " without a started enrolment; 409 totp_already_enabled; 403"
              + " identity_check_required (API.md §12).")
  public Response confirm(InputStream body) {
    identity.require(current.storage());
    TotpCode code = bodies.read(body, TotpCode.class);
    twoFactor.confirm(current.get().uid(), code.code());
    audit.twoFactorChanged(current.actor(), "enabled");
    return Response.noContent().build();
  }

  @DELETE
  @Operation(
      summary = "Disable two-factor authentication",
      description =
          "204, also when off; the secret and every remembered browser are forgotten. 403"
              + " identity_check_required (API.md §12).")
  public Response disable() {
    identity.require(current.storage());
    if (twoFactor.disable(current.get().uid())) {
      audit.twoFactorChanged(current.actor(), "disabled");
    }
    return Response.noContent().build();
  }
}
