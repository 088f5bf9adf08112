package org.erp.sessions.web.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erp.sessions.application.session.ActiveSession;
import org.erp.sessions.application.session.IdentityCheck;
import org.erp.sessions.application.session.SessionService;
import org.erp.sessions.infrastructure.http.CurrentSession;
import org.erp.sessions.web.json.RequestBodies;
import org.erp.sessions.web.session.HttpClients;
import org.erp.sessions.web.session.SessionFilter;

/** The signed-in user's own preferences and password (API.md §2, §5). */
@ApplicationScoped
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Me")
public class MeResource {

  @Inject private CurrentSession current;
  @Inject private SessionService sessions;
  @Inject private SessionInfos infos;
  @Inject private RequestBodies bodies;
  @Inject private IdentityCheck identity;
  @Context private HttpServletRequest request;

  @PATCH
  @Path("preferences")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change language and/or time zone",
      description =
          "Stored on the user in the database: every session of the user, on every node, sees"
              + " the new values from its next request. At least one of lang, tz.")
  public SessionInfo preferences(InputStream body) {
    PreferencesRequest preferences = bodies.read(body, PreferencesRequest.class);
    return infos.of(sessions.changePreferences(current.get(), preferences.lang(), preferences.tz()));
  }

  @PUT
  @Path("password")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change the password",
      description =
          "204: every other session of the user ends, and this one continues under a new"
              + " session id (new Set-Cookie) and a new CSRF token (in the X-CSRF-Token header of"
              + " the answer, and in GET /api/session). 403 invalid_credentials when current_password is"
              + " wrong (403, not 401: the session itself is still valid); 400 weak_password"
              + " for fewer than 8 characters or the login as password. A wrong"
              + " current_password counts as a failed login: after erp.login.cooldown-after of"
              + " them, 429 too_many_attempts with Retry-After, as for login. 403"
              + " identity_check_required when the last identity check (the sign-in, or POST"
              + " /api/session/identity) is older than erp.identity-check.window.")
  public Response changePassword(InputStream body) {
    PasswordChange change = bodies.read(body, PasswordChange.class);
    identity.require(current.storage());
    ActiveSession changed =
        sessions.changePassword(
            current.storage(),
            current.get(),
            change.currentPassword(),
            change.newPassword(),
            HttpClients.of(request));
    return Response.noContent()
        .header(SessionFilter.CSRF_HEADER, changed.state().csrfToken())
        .build();
  }
}
