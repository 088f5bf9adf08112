package org.erp.sessions.web.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erp.sessions.application.session.TwoFactorSignIn;
import org.erp.sessions.application.session.TwoFactorSignIn.Completed;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.infrastructure.http.CurrentSession;
import org.erp.sessions.web.json.RequestBodies;
import org.erp.sessions.web.session.HttpClients;
import org.erp.sessions.web.session.SessionAccess;
import org.erp.sessions.web.session.TrustedDeviceCookie;

/** The second step of a sign-in with two-factor authentication (API.md §14). */
@ApplicationScoped
@Path("session/totp")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Session")
public class SessionTotpResource {

  @Inject private TwoFactorSignIn signIn;
  @Inject private SessionInfos infos;
  @Inject private CurrentSession current;
  @Inject private RequestBodies bodies;
  @Inject private ErpConfig config;
  @Context private HttpServletRequest request;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  // The pending session is looked at by the sign-in itself; no CSRF token yet, as at login.
  @SessionAccess(SessionAccess.Mode.NONE)
  @Operation(
      summary = "Give the TOTP code after the password",
      description =
          "200 SessionInfo under a new session id. 401 invalid_code (wrong or already used;"
              + " counts towards the login cooldown, then 429 too_many_attempts); 401"
              + " not_authenticated without a pending sign-in or after erp.totp.pending-timeout."
              + " remember_device: true also sets the trusted-device cookie td_id.")
  public Response complete(InputStream body) {
    SecondStep step = bodies.read(body, SecondStep.class);
    Completed done =
        signIn.complete(current.storage(), step.code(), step.remember(), HttpClients.of(request));
    Response.ResponseBuilder answer = Response.ok(infos.of(done.signedIn()));
    done.trustedDeviceToken()
        .ifPresent(token -> answer.header(
            HttpHeaders.SET_COOKIE,
            TrustedDeviceCookie.setting(
                token, config.totpTrustedDeviceLifetime(), request.isSecure())));
    return answer.build();
  }
}
