package org.erp.sessions.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The REST API under /api. */
@ApplicationPath("api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "ERP session service",
            version = "1",
            description =
                "Odoo-style sessions: sign in with a login and password, get a session cookie"
                    + " (HttpOnly, SameSite=Lax, Secure over HTTPS), and send the session's"
                    + " csrf_token as X-CSRF-Token on every POST, PUT, PATCH and DELETE. Bodies"
                    + " are JSON (Content-Type: application/json, at most 64 KiB); every error is"
                    + " application/problem+json with a stable 'code'. A 401 not_authenticated"
                    + " (missing, unknown, expired, revoked session, or a user deactivated or"
                    + " whose password changed) also clears the cookie. Request bodies with"
                    + " unknown fields are refused with validation_failed. Timestamps are UTC,"
                    + " to the second. A new session starts with all of the user's companies"
                    + " active, the user's first company current."))
public class ApiApplication extends Application {

  /** Listed, not scanned: the Odoo JSON-RPC application beside this one has its own resources. */
  @Override
  public Set<Class<?>> getClasses() {
    Set<Class<?>> classes =
        new HashSet<>(
            Set.of(
                SessionResource.class,
                SessionDataResource.class,
                ContextResource.class,
                MeResource.class,
                DeviceResource.class,
                AdminUserResource.class,
                AdminSessionResource.class,
                AdminClusterResource.class,
                AdminOverviewResource.class,
                HealthResource.class,
                TotpResource.class,
                TrustedDeviceResource.class,
                SessionTotpResource.class,
                AdminTotpResource.class));
    classes.addAll(SharedProviders.CLASSES);
    // Issue 15: the identity check and API keys.
    classes.addAll(Set.of(IdentityResource.class, ApiKeyResource.class, AdminApiKeyResource.class));
    return classes;
  }
}
