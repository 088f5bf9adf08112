package org.erp.sessions.web.odoo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erp.sessions.application.ContextService;
import org.erp.sessions.application.SessionValidity;
import org.erp.sessions.application.session.ActiveSession;
import org.erp.sessions.application.session.ApiKeySessions;
import org.erp.sessions.application.session.SessionService;
import org.erp.sessions.application.session.TwoFactorSignIn;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.context.RequestContext;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.user.CompanyView;
import org.erp.sessions.domain.user.UserView;
import org.erp.sessions.infrastructure.JsonProcessing;
import org.erp.sessions.infrastructure.http.CurrentSession;
import org.erp.sessions.web.http.RedirectTargets;
import org.erp.sessions.web.json.JsonBodies;
import org.erp.sessions.web.session.HttpClients;
import org.erp.sessions.web.session.SessionAccess;
import org.erp.sessions.web.session.SessionCookies;
import org.erp.sessions.web.session.TrustedDeviceCookie;

/**
 * Odoo's session routes (API.md §8), so that Odoo clients and scripts authenticate unchanged.
 * They share the session, the cookie and every rule with /api: rotation at login, cooldown,
 * timeouts, revocation. Instead of the CSRF header they require Content-Type application/json.
 */
@ApplicationScoped
@Path("session")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Odoo JSON-RPC")
public class OdooSessionResource {

  @Inject private SessionService sessions;
  @Inject private ApiKeySessions apiKeys;
  @Inject private TwoFactorSignIn twoFactorSignIn;
  @Inject private CurrentSession current;
  @Inject private ContextService contexts;
  @Inject private SessionValidity validity;
  @Inject private ErpConfig config;
  @Context private HttpServletRequest request;

  /** A JSON-RPC call: its id (echoed back) and its params. */
  record Call(JsonValue id, JsonObject params) {}

  @POST
  @Path("authenticate")
  @Consumes(MediaType.APPLICATION_JSON)
  @SessionAccess(SessionAccess.Mode.NONE)
  @Operation(
      summary = "Odoo: sign in with params {db, login, password}",
      description =
          "result: Odoo's session info, and the session cookie is set. The password may be an"
              + " API key of the login (the session then ends when the key is revoked). Wrong credentials, a db"
              + " other than erp.db-name, the cooldown or the session limit: the"
              + " odoo.exceptions.AccessDenied error. HTTP status 200 in every case, as Odoo.")
  public JsonObject authenticate(InputStream body) {
    Call call;
    try {
      call = read(body);
    } catch (ErpException e) {
      return JsonRpc.badRequest(JsonValue.NULL, e.getMessage());
    }
    String db = string(call.params(), "db");
    String login = string(call.params(), "login");
    String password = string(call.params(), "password");
    if (login == null || password == null) {
      return JsonRpc.badRequest(call.id(), "params must hold db, login and password strings.");
    }
    if (!config.dbName().equals(db)) {
      return JsonRpc.accessDenied(call.id(), "Access Denied");
    }
    try {
      Optional<ActiveSession> withKey =
          apiKeys.signInWithKey(current.storage(), login, password, HttpClients.of(request));
      if (withKey.isPresent()) {
        return JsonRpc.result(call.id(), sessionInfo(withKey.get()));
      }
      TwoFactorSignIn.Outcome outcome =
          twoFactorSignIn.signIn(
              current.storage(), login, password, HttpClients.of(request),
              TrustedDeviceCookie.read(request));
      // As Odoo: the password of a user with two-factor authentication signs nobody in here;
      // the session is left waiting for the code (API.md §14).
      return outcome.isPending()
          ? JsonRpc.result(call.id(), JsonProcessing.createObjectBuilder().addNull("uid").build())
          : JsonRpc.result(call.id(), sessionInfo(outcome.signedIn()));
    } catch (ErpException refused) {
      return JsonRpc.accessDenied(call.id(), accessDeniedMessage(refused));
    }
  }

  @POST
  @Path("get_session_info")
  @Consumes(MediaType.APPLICATION_JSON)
  @SessionAccess(value = SessionAccess.Mode.OPTIONAL, csrfChecked = false)
  @Operation(summary = "Odoo: the current session's info, or the Session Expired error (code 100)")
  public JsonObject getSessionInfo(InputStream body) {
    JsonValue id = idOf(body);
    return current
        .optional()
        .map(valid -> JsonRpc.result(id, sessionInfo(valid)))
        .orElseGet(() -> JsonRpc.sessionExpired(id));
  }

  @POST
  @Path("check")
  @Consumes(MediaType.APPLICATION_JSON)
  @SessionAccess(value = SessionAccess.Mode.OPTIONAL, csrfChecked = false, countsAsActivity = false)
  @Operation(summary = "Odoo: result null while the session is valid, else the code 100 error")
  public JsonObject check(InputStream body) {
    JsonValue id = idOf(body);
    return current.optional().isPresent()
        ? JsonRpc.result(id, JsonValue.NULL)
        : JsonRpc.sessionExpired(id);
  }

  @POST
  @Path("destroy")
  @Consumes(MediaType.APPLICATION_JSON)
  @SessionAccess(value = SessionAccess.Mode.OPTIONAL, csrfChecked = false)
  @Operation(summary = "Odoo: end the session; result null")
  public Response destroy(InputStream body) {
    JsonValue id = idOf(body);
    current.optional().ifPresent(active -> sessions.signOut(current.storage(), active));
    return SessionCookies.signedOut(
            Response.ok(JsonRpc.result(id, JsonValue.NULL)), config.cookieName(), request.isSecure())
        .build();
  }

  @GET
  @Path("logout")
  @SessionAccess(value = SessionAccess.Mode.OPTIONAL, csrfChecked = false)
  @Operation(
      summary = "Odoo: sign out, then 303 to redirect",
      description =
          "Only a path on this site (/x) of printable ASCII, at most 2 KiB, is followed;"
              + " anything else redirects to /.")
  public Response logout(@QueryParam("redirect") String redirect) {
    current.optional().ifPresent(active -> sessions.signOut(current.storage(), active));
    // A plain string: JAX-RS would resolve a relative URI against /web/.
    return SessionCookies.signedOut(
            Response.status(Response.Status.SEE_OTHER)
                .header(HttpHeaders.LOCATION, RedirectTargets.sameSitePathOrRoot(redirect)),
            config.cookieName(),
            request.isSecure())
        .build();
  }

  private JsonObject sessionInfo(ActiveSession valid) {
    UserView user = valid.user();
    RequestContext context = contexts.build(user, valid.state().activeCompanyIds(), null, null);
    JsonObjectBuilder allowed = JsonProcessing.createObjectBuilder();
    for (CompanyView company : validity.companies(user.companyIds())) {
      allowed.add(
          Integer.toString(company.id()),
          JsonProcessing.createObjectBuilder().add("id", company.id()).add("name", company.name()));
    }
    return JsonProcessing.createObjectBuilder()
        .add("uid", user.uid())
        .add("name", user.name())
        .add("username", user.login())
        .add("is_admin", user.isAdmin())
        .add("is_system", user.isAdmin())
        .add("db", config.dbName())
        .add(
            "user_context",
            JsonProcessing.createObjectBuilder()
                .add("lang", context.lang())
                .add("tz", context.tz())
                .add("uid", user.uid()))
        .add(
            "user_companies",
            JsonProcessing.createObjectBuilder()
                .add("current_company", context.currentCompany())
                .add("allowed_companies", allowed))
        .add("server_version", config.serverVersion())
        .add("server_version_info", versionInfo(config.serverVersion()))
        .build();
  }

  /** Odoo's [major, minor, micro, "final", serial, ""] from our version "1.2.3-SNAPSHOT". */
  static jakarta.json.JsonArray versionInfo(String version) {
    List<String> parts = List.of(version.split("[.-]"));
    var info = JsonProcessing.createArrayBuilder();
    for (int i = 0; i < 3; i++) {
      info.add(i < parts.size() && parts.get(i).matches("\\d{1,9}") ? Integer.parseInt(parts.get(i)) : 0);
    }
    return info.add(version.contains("SNAPSHOT") ? "alpha" : "final").add(0).add("").build();
  }

  private static String accessDeniedMessage(ErpException refused) {
    return switch (refused.code()) {
      case TOO_MANY_ATTEMPTS -> "Too many login failures, please wait a bit before trying again.";
      case SESSION_LIMIT_REACHED -> refused.getMessage();
      default -> "Access Denied";
    };
  }

  static Call read(InputStream body) {
    JsonValue value = JsonBodies.value(body);
    if (!(value instanceof JsonObject envelope)) {
      throw new ErpException(
          org.erp.sessions.domain.error.ErrorCode.VALIDATION_FAILED, "Expected a JSON-RPC object.");
    }
    JsonValue params = envelope.get("params");
    return new Call(
        envelope.getOrDefault("id", JsonValue.NULL),
        params instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT);
  }

  /** The call's id; a body that is not a JSON-RPC call still gets its answer, with id null. */
  static JsonValue idOf(InputStream body) {
    try {
      return read(body).id();
    } catch (ErpException e) {
      return JsonValue.NULL;
    }
  }

  private static String string(JsonObject params, String name) {
    // PostgreSQL text cannot hold U+0000: such a value is treated as missing.
    return params.get(name) instanceof JsonString text && text.getString().indexOf('\u0000') < 0
        ? text.getString()
        : null;
  }
}
