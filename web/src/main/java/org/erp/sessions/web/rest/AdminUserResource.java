package org.erp.sessions.web.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erp.sessions.application.ApiKeys;
import org.erp.sessions.application.DeviceRegistry;
import org.erp.sessions.application.UserChanges;
import org.erp.sessions.application.UserDirectory;
import org.erp.sessions.application.session.SessionAudit;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.device.DeviceView;
import org.erp.sessions.domain.user.UserView;
import org.erp.sessions.infrastructure.http.CurrentSession;
import org.erp.sessions.infrastructure.http.SessionAuthentication;
import org.erp.sessions.web.json.RequestBodies;

/**
 * User administration (API.md §6), with each user's sessions: administrators only, others get 403
 * forbidden.
 */
@ApplicationScoped
@Path("admin/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(SessionAuthentication.ADMIN)
@Tag(name = "Administration")
public class AdminUserResource {

  @Inject private UserDirectory users;
  @Inject private DeviceRegistry devices;
  @Inject private ErpConfig config;
  @Context private UriInfo uriInfo;
  @Inject private CurrentSession current;
  @Inject private SessionAudit audit;
  @Inject private RequestBodies bodies;
  @Inject private ApiKeys apiKeys;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a user",
      description =
          "Required: login, password (at least 8 characters, not the login) or password_hash"
              + " (importing a user: Odoo's $pbkdf2-sha512$ with 100,000 to 2,000,000 rounds, or"
              + " a PHC $argon2id$ hash; replaced by Argon2id at the next login), name,"
              + " company_ids (existing companies; the first is where new sessions start)."
              + " Optional: is_admin (false), lang (the first of erp.languages), tz (UTC). 201"
              + " with the user and a Location header; 409 login_taken; 400 validation_failed,"
              + " invalid_lang, invalid_tz.")
  public Response create(InputStream body) {
    NewUserRequest newUser = bodies.read(body, NewUserRequest.class);
    UserView created = users.create(newUser.toNewUser(config.languages().get(0), "UTC"));
    audit.userCreated(
        current.actor(), created.uid(), newUser.passwordHash() != null, created.isAdmin());
    return Response.created(uriInfo.getAbsolutePathBuilder().path(Integer.toString(created.uid())).build())
        .entity(UserResponse.of(created))
        .build();
  }

  @GET
  @Path("{uid: [0-9]{1,9}}")
  @Operation(summary = "One user; 404 not_found")
  public UserResponse get(@PathParam("uid") int uid) {
    return UserResponse.of(users.get(uid));
  }

  @PATCH
  @Path("{uid: [0-9]{1,9}}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change a user",
      description =
          "Any of active, name, is_admin, company_ids. active=false ends every session of the"
              + " user at once, on every node, and refuses new logins. Removing a company from"
              + " the user removes it from the active companies of the user's sessions.")
  public UserResponse update(@PathParam("uid") int uid, InputStream body) {
    UserChangesRequest request = bodies.read(body, UserChangesRequest.class);
    UserChanges changes = request.toUserChanges();
    UserView updated = users.update(uid, changes);
    audit.userChanged(
        current.actor(), uid, request.fieldsGiven(), Boolean.FALSE.equals(changes.active()));
    return UserResponse.of(updated);
  }

  @GET
  @Path("{uid: [0-9]{1,9}}/sessions")
  @Operation(summary = "A user's active sessions (the device list, without 'current'); 404")
  public List<DeviceView> sessionsOf(@PathParam("uid") int uid) {
    users.get(uid);
    return devices.list(uid, null);
  }

  @DELETE
  @Path("{uid: [0-9]{1,9}}/sessions")
  @Operation(summary = "End every session of a user, on every node, at once; 404")
  public Response endSessionsOf(@PathParam("uid") int uid) {
    users.endAllSessions(uid);
    audit.userSessionsEnded(current.actor(), uid);
    return Response.noContent().build();
  }

  @GET
  @Path("{uid: [0-9]{1,9}}/api-keys")
  @Operation(
      summary = "A user's API keys",
      description = "The keys that are neither revoked nor expired, newest first; never the key. 404.")
  public List<ApiKeyResponse> apiKeysOf(@PathParam("uid") int uid) {
    users.get(uid);
    return apiKeys.validOf(uid).stream().map(ApiKeyResponse::listed).toList();
  }
}
