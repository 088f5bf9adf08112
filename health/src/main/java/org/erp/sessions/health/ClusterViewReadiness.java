package org.erp.sessions.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.wildfly.clustering.server.Group;
import org.wildfly.clustering.server.GroupMember;

/**
 * Ready only while this node is a member of its own cluster view (its channel connected): a node
 * outside the view holds sessions the others cannot see. The members are in the answer, so a
 * split shows as two probes naming different members.
 */
@Readiness
@ApplicationScoped
public class ClusterViewReadiness implements HealthCheck {

  @Resource(lookup = "java:jboss/clustering/server/group/default")
  private Group<? extends GroupMember> group;

  @Override
  public HealthCheckResponse call() {
    GroupMember local = group.getLocalMember();
    List<? extends GroupMember> members = group.getMembership().getMembers();
    return HealthCheckResponse.named("erp-cluster-view")
        .status(members.contains(local))
        .withData("node", local.getName())
        .withData("members", String.join(",", members.stream().map(GroupMember::getName).toList()))
        .withData("size", members.size())
        .build();
  }
}
