package org.erp.sessions.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterMembershipTest {

  @Test
  void membersAreTheLastListOfAJGroupsView() {
    assertEquals(List.of("node1", "node2"), ClusterMembership.parseView("[node1|3] (2) [node1, node2]", "node1"));
    assertEquals(List.of("node2"), ClusterMembership.parseView("[node2|0] (1) [node2]", "node2"));
    assertEquals(
        List.of("node1", "node2"),
        ClusterMembership.parseView(
            "[node1(v=16.0.5)|1] (2) [node1(v=16.0.5), node2(v=16.0.5)]", "node1"));
  }

  @Test
  void withoutAViewTheNodeIsAlone() {
    assertEquals(List.of("node1"), ClusterMembership.parseView(null, "node1"));
    assertEquals(List.of("node1"), ClusterMembership.parseView("garbage", "node1"));
  }
}
