package org.erp.sessions.web.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erp.sessions.application.TwoFactorService;
import org.erp.sessions.application.TwoFactorService.TrustedDeviceView;
import org.erp.sessions.application.session.SessionAudit;
import org.erp.sessions.infrastructure.http.CurrentSession;
import org.erp.sessions.web.session.TrustedDeviceCookie;

/** The browsers remembered to skip the TOTP code, shown in "My devices" (API.md §14). */
@ApplicationScoped
@Path("me/trusted-devices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Me")
public class TrustedDeviceResource {

  @Inject private CurrentSession current;
  @Inject private TwoFactorService twoFactor;
  @Inject private SessionAudit audit;
  @Context private HttpServletRequest request;

  @GET
  @Operation(summary = "The remembered browsers, newest first; current: this browser")
  public List<TrustedDeviceView> list() {
    return twoFactor.trustedDevices(current.get().uid(), TrustedDeviceCookie.read(request));
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Forget a remembered browser: 204; 404 not_found if not the caller's")
  public Response revoke(@PathParam("id") String id) {
    twoFactor.revokeTrustedDevice(current.get().uid(), id);
    audit.twoFactorChanged(current.actor(), "a remembered browser forgotten");
    return Response.noContent().build();
  }
}
