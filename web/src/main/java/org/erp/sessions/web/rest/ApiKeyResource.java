package org.erp.sessions.web.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import org.erp.sessions.application.session.IdentityCheck;
import org.erp.sessions.application.session.SessionAudit;
import org.erp.sessions.infrastructure.http.CurrentSession;
import org.erp.sessions.web.json.RequestBodies;

/** The signed-in user's own API keys (API.md §13). */
@ApplicationScoped
@Path("me/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API keys")
public class ApiKeyResource {

  @Inject private CurrentSession current;
  @Inject private ApiKeys keys;
  @Inject private IdentityCheck identity;
  @Inject private SessionAudit audit;
  @Inject private RequestBodies bodies;
  @Context private UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create an API key",
      description =
          "{name, expires_at}. 201 {id, name, key, created_at, expires_at}: the key is in this"
              + " answer only (the service keeps its SHA-256 hash). Use it as Authorization:"
              + " Bearer <key>. 400 validation_failed for a blank name, an expires_at in the past"
              + " or, for a user who is not an administrator, a missing expires_at or one further"
              + " ahead than erp.api-key.max-lifetime. 403 identity_check_required when the last"
              + " identity check is older than erp.identity-check.window (always, with an API"
              + " key).")
  public Response create(InputStream body) {
    NewApiKeyRequest request = bodies.read(body, NewApiKeyRequest.class);
    identity.require(current.storage());
    ApiKeys.CreatedKey created = keys.create(current.get().uid(), request.name(), request.expiry());
    audit.apiKeyCreated(current.actor(), created.view().id(), created.view().expiresAt() != null);
    return Response.created(uriInfo.getAbsolutePathBuilder().path(created.view().id()).build())
        .entity(ApiKeyResponse.created(created.view(), created.key()))
        .build();
  }

  @GET
  @Operation(
      summary = "My API keys",
      description = "The keys that are neither revoked nor expired, newest first; never the key.")
  public List<ApiKeyResponse> list() {
    return keys.validOf(current.get().uid()).stream().map(ApiKeyResponse::listed).toList();
  }

  @DELETE
  @Path("{id}")
  @Operation(
      summary = "Revoke one of my API keys",
      description =
          "204; its next use, on any node, is 401, and sessions started with it end. 404"
              + " not_found unless it is one of the caller's valid keys.")
  public Response revoke(@PathParam("id") String id) {
    int uid = current.get().uid();
    keys.revoke(uid, id);
    audit.apiKeyRevoked(current.actor(), id, uid);
    return Response.noContent().build();
  }
}
