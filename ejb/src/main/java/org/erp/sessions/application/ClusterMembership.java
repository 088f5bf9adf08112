package org.erp.sessions.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * This node's name, the members of its cluster and how many sessions it holds, read from the
 * server's own management model (the JGroups channel that carries the session caches, and the
 * web module's session manager).
 */
@ApplicationScoped
public class ClusterMembership {

  /** The cluster as one node sees it. */
  public record View(String node, List<String> members, long localSessions) {}

  private static final String CHANNEL = "jboss.as:subsystem=jgroups,channel=ee";
  private static final String WEB_MODULE =
      "jboss.as:deployment=*,subdeployment=erp-session-web.war,subsystem=undertow";

  public View view() {
    String node = System.getProperty("jboss.node.name", "node1");
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    return new View(node, members(server, node), localSessions(server));
  }

  /**
   * JGroups prints its view as "[node1|3] (2) [node1, node2]", each member possibly followed by
   * its Infinispan version "(v=16.0.5)": the members are the names in the last list.
   */
  static List<String> parseView(String view, String self) {
    if (view == null || view.lastIndexOf('[') < 0 || !view.endsWith("]")) {
      return List.of(self);
    }
    String list = view.substring(view.lastIndexOf('[') + 1, view.length() - 1);
    return Arrays.stream(list.split(","))
        .map(member -> member.replaceAll("\\(.*?\\)", "").trim())
        .filter(member -> !member.isEmpty())
        .toList();
  }

  private static List<String> members(MBeanServer server, String self) {
    try {
      Object view = server.getAttribute(new ObjectName(CHANNEL), "view");
      return parseView(view == null ? null : view.toString(), self);
    } catch (JMException | RuntimeException e) {
      return List.of(self);
    }
  }

  private static long localSessions(MBeanServer server) {
    try {
      Set<ObjectName> modules = server.queryNames(new ObjectName(WEB_MODULE), null);
      long sessions = 0;
      for (ObjectName module : modules) {
        Object active = server.getAttribute(module, "activeSessions");
        sessions += active instanceof Number number ? number.longValue() : 0;
      }
      return sessions;
    } catch (JMException | RuntimeException e) {
      return 0;
    }
  }
}
