package org.erp.sessions.web.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erp.sessions.application.HealthProbe;
import org.erp.sessions.web.session.SessionAccess;

/** Whether this node can serve (API.md §7), for load balancers and operators. */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
@SessionAccess(SessionAccess.Mode.NONE)
@Tag(name = "Health")
public class HealthResource {

  /** {"status": "UP", "node": "node1"}. */
  public record Health(String status, String node) {}

  @Inject private HealthProbe probe;

  @GET
  @Operation(
      summary = "Node health",
      description = "200 UP, or 503 DOWN while the node cannot reach its database.")
  public Response health() {
    String node = System.getProperty("jboss.node.name", "node1");
    if (!probe.databaseUp()) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .entity(new Health("DOWN", node))
          .build();
    }
    return Response.ok(new Health("UP", node)).build();
  }
}
