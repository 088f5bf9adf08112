package org.erp.sessions.web.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erp.sessions.health.HealthProbe;
import org.erp.sessions.web.session.SessionAccess;

/** Whether this node can serve (API.md §7), for load balancers and operators. */
@ApplicationScoped
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
@SessionAccess(SessionAccess.Mode.NONE)
@Tag(name = "Health")
public class HealthResource {

  /**
   * {"status": "UP"} or {"status": "DOWN"}, and nothing more: anyone may ask, so it names no
   * node, version or cause (administrators see the nodes at /api/admin/cluster).
   */
  public record Health(String status) {}

  @Inject private HealthProbe probe;

  @GET
  @Operation(
      summary = "Node health",
      description =
          "200 {\"status\": \"UP\"}, or 503 {\"status\": \"DOWN\"} while the node cannot reach"
              + " its database (asked at most once a second per node).")
  public Response health() {
    if (!probe.databaseUp()) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(new Health("DOWN")).build();
    }
    return Response.ok(new Health("UP")).build();
  }
}
