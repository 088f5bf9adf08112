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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erp.sessions.application.ApiKeys;
import org.erp.sessions.application.DeviceRegistry;
import org.erp.sessions.application.session.ActiveSession;
import org.erp.sessions.application.session.IdentityCheck;
import org.erp.sessions.application.session.SessionAudit;
import org.erp.sessions.application.session.SessionService;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.device.DeviceView;
import org.erp.sessions.domain.device.EndReason;
import org.erp.sessions.infrastructure.http.CurrentSession;
import org.erp.sessions.web.session.SessionCookies;

/** The user's own sessions, "devices" (API.md §4). */
@ApplicationScoped
@Path("session/devices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Devices")
public class DeviceResource {

  @Inject private CurrentSession current;
  @Inject private DeviceRegistry devices;
  @Inject private SessionService sessions;
  @Inject private ErpConfig config;
  @Inject private SessionAudit audit;
  @Inject private IdentityCheck identity;
  @Inject private ApiKeys apiKeys;
  @Context private HttpServletRequest request;

  @GET
  @Operation(
      summary = "My active sessions",
      description =
          "Every still-valid session of the user, on every node, newest activity first; id is"
              + " an opaque handle, never the session id. last_activity_at may lag real activity"
              + " by up to erp.device.activity-resolution. The user's valid API keys are listed"
              + " too, with kind api_key, their name, and their last use as last_activity_at.")
  public List<DeviceView> list() {
    ActiveSession valid = current.get();
    List<DeviceView> all = new ArrayList<>(devices.list(valid.uid(), valid.state().deviceId()));
    all.addAll(apiKeys.asDevices(valid.uid(), valid.state().deviceId()));
    all.sort(Comparator.comparing(DeviceView::lastActivityAt).reversed());
    return all;
  }

  @DELETE
  @Path("{id}")
  @Operation(
      summary = "End one of my sessions",
      description =
          "204; its next request, on any node, gets 401. Ending the current device signs out."
              + " An API key's id revokes the key. 404 not_found if the id is not one of the"
              + " caller's open sessions or valid keys.")
  public Response revoke(@PathParam("id") String id) {
    ActiveSession valid = current.get();
    if (apiKeys.isValidKeyOf(valid.uid(), id)) {
      apiKeys.revoke(valid.uid(), id);
      audit.apiKeyRevoked(current.actor(), id, valid.uid());
      return Response.noContent().build();
    }
    devices.revoke(valid.uid(), id);
    audit.deviceRevoked(current.actor(), id);
    if (id.equals(valid.state().deviceId())) {
      sessions.signOut(current.storage(), valid);
      return SessionCookies.signedOut(Response.noContent(), config.cookieName(), request.isSecure())
          .build();
    }
    return Response.noContent().build();
  }

  @DELETE
  @Operation(
      summary = "Sign out of every other device",
      description =
          "204; this session stays, and so do API keys. 403 identity_check_required when the"
              + " last identity check is older than erp.identity-check.window.")
  public Response revokeOthers() {
    ActiveSession valid = current.get();
    identity.require(current.storage());
    devices.endAllBut(valid.uid(), valid.state().deviceId(), EndReason.REVOKED);
    audit.otherDevicesRevoked(current.actor());
    return Response.noContent().build();
  }
}
