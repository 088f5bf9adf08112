package org.erp.sessions.web.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erp.sessions.application.session.SessionService;
import org.erp.sessions.application.session.TwoFactorSignIn;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.infrastructure.http.CurrentSession;
import org.erp.sessions.web.json.RequestBodies;
import org.erp.sessions.web.session.HttpClients;
import org.erp.sessions.web.session.SessionAccess;
import org.erp.sessions.web.session.SessionCookies;
import org.erp.sessions.web.session.TrustedDeviceCookie;

/** Login, session info, polling check, logout and company switching (API.md §1, §2). */
@ApplicationScoped
@Path("session")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Session")
public class SessionResource {

  @Inject private SessionService sessions;
  @Inject private TwoFactorSignIn twoFactorSignIn;
  @Inject private SessionInfos infos;
  @Inject private CurrentSession current;
  @Inject private ErpConfig config;
  @Inject private RequestBodies bodies;
  @Context private HttpServletRequest request;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @SessionAccess(SessionAccess.Mode.NONE)
  @Operation(
      summary = "Sign in",
      description =
          "Checks login and password and starts a new session: any session the request came"
              + " with is invalidated first (fixation protection) and a new session cookie is"
              + " set. Unknown login, wrong password and inactive user all answer 401"
              + " invalid_credentials. After erp.login.cooldown-after failures for the login or"
              + " from the client address, attempts answer 429 too_many_attempts with Retry-After"
              + " until erp.login.cooldown has passed since the last failure, even with the right"
              + " password. A successful login clears the login's count, not the address's."
              + " With erp.session.max-per-user reached: 409 session_limit_reached (policy"
              + " deny), or the least recently active session ends (policy evict-oldest)."
              + " For a user with two-factor authentication (API.md §14): 200 {auth_status:"
              + " pending_totp, expires_at} and a session that only takes POST /api/session/totp.")
  public Response login(InputStream body) {
    LoginRequest credentials = bodies.read(body, LoginRequest.class);
    TwoFactorSignIn.Outcome outcome =
        twoFactorSignIn.signIn(
            current.storage(),
            credentials.login(),
            credentials.password(),
            HttpClients.of(request),
            TrustedDeviceCookie.read(request));
    // A user with two-factor authentication gets a session that only takes the code (§14).
    return Response.ok(
            outcome.isPending() ? PendingSignIn.of(outcome.pending()) : infos.of(outcome.signedIn()))
        .build();
  }

  @GET
  @Operation(
      summary = "The current session",
      description = "Counts as activity: extends the idle deadline, never the absolute one.")
  public SessionInfo info() {
    return infos.of(current.get());
  }

  @GET
  @Path("check")
  @SessionAccess(countsAsActivity = false)
  @Operation(
      summary = "Is the session still valid?",
      description =
          "204 or 401. Meant for polling: it does not count as activity, so polling never keeps"
              + " an idle session alive.")
  public Response check() {
    current.get();
    return Response.noContent().build();
  }

  @DELETE
  @SessionAccess(SessionAccess.Mode.OPTIONAL)
  @Operation(
      summary = "Sign out",
      description =
          "Invalidates the session on every node with its custom data, clears the cookie and"
              + " sends Clear-Site-Data: \"storage\" (the browser drops this origin's"
              + " localStorage and sessionStorage; the remember-this-browser cookie stays)."
              + " 204 also without a valid session. With a valid session the X-CSRF-Token header"
              + " is required, like every unsafe request. 503 service_unavailable (still signed"
              + " in, nothing changed) while durable sessions cannot reach their database;"
              + " a request with an API key has no session to remove and gets 204 then too.")
  public Response logout() {
    current.optional().ifPresent(active -> sessions.signOut(current.storage(), active));
    if (current.secondFactorPending()) {
      sessions.cancelPending(current.storage());
    }
    return SessionCookies.signedOut(Response.noContent(), config.cookieName(), request.isSecure())
        .build();
  }

  @PUT
  @Path("companies")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Choose the active companies",
      description =
          "The first id becomes the current company. 403 company_not_allowed for a company the"
              + " user may not access, 400 validation_failed for an empty list or duplicates,"
              + " 503 service_unavailable (nothing changed) while durable sessions cannot reach"
              + " their database (not for a request with an API key, which keeps its selection"
              + " for the request only).")
  public SessionInfo selectCompanies(InputStream body) {
    List<Integer> selection = bodies.read(body, CompanySelection.class).allowedCompanyIds();
    return infos.of(sessions.selectCompanies(current.storage(), current.get(), selection));
  }
}
