package org.erp.sessions.web.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erp.sessions.application.ClusterMembership.View;
import org.erp.sessions.application.ClusterMembership;
import org.erp.sessions.infrastructure.http.SessionAuthentication;

/** The cluster as the serving node sees it (API.md §6). */
@ApplicationScoped
@Path("admin/cluster")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(SessionAuthentication.ADMIN)
@Tag(name = "Administration")
public class AdminClusterResource {

  @Inject private ClusterMembership membership;

  @GET
  @Operation(
      summary = "This node, the cluster members, and the sessions whose primary owner this node is",
      description = "{\"node\": \"node1\", \"members\": [\"node1\", \"node2\"], \"local_sessions\": 123}")
  public View cluster() {
    return membership.view();
  }
}
