package org.erp.sessions.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.wildfly.clustering.server.Group;
import org.wildfly.clustering.server.GroupMember;
import org.wildfly.clustering.server.GroupMembershipEvent;
import org.wildfly.clustering.server.GroupMembershipListener;
import org.wildfly.clustering.server.Registration;

/**
 * This node's name, the members of its cluster and how many sessions it owns: the members from
 * WildFly's clustering group of the default JGroups channel ({@code ee}, which carries the session
 * caches), the session count from the web module's session manager in the management model (its
 * active sessions: those in its memory whose primary owner this node is; backup copies, and sessions
 * beyond erp.session.max-in-memory kept only in the store, are not counted); and when the
 * membership last changed ({@link #changedWithin}; joining a cluster counts). NodeStatsReporter
 * creates it at start, so no change goes unseen.
 *
 * <p>WildFly counts those sessions by walking every one the node holds (a stream over the session
 * cache that builds the set of their ids): with 320,000 sessions, counting every 10 s for
 * NodeStatsReporter took about a third of a node's CPU samples while it signed sessions in
 * (bench/README.md). What runs on its own (the reporter, the metrics gauge) takes {@link
 * #recentLocalSessions}, counted again only when {@link RecentCount#countDue}; an
 * administrator's request counts now ({@link #view}).
 */
@ApplicationScoped
public class ClusterMembership {

  /** The cluster as one node sees it. */
  public record View(String node, List<String> members, long localSessions) {}

  private static final String WEB_MODULE =
      "jboss.as:deployment=*,subdeployment=erp-session-web.war,subsystem=undertow";

  // Members are named after jboss.node.name (node1, node2), as JGroups names them.
  @Resource(lookup = "java:jboss/clustering/server/group/default")
  private Group<? extends GroupMember> group;

  /** System.nanoTime() of the last change of membership, if {@link #changed}. */
  private volatile long changedAtNanos;

  private volatile boolean changed;

  /** This node's sessions, as last counted. */
  private final RecentCount recentSessions =
      new RecentCount(ClusterMembership::localSessions, System::nanoTime);

  private Registration watching;

  @PostConstruct
  void watchMembership() {
    watching = watch(group);
    if (members().size() > 1) {
      markChanged(); // this node has just joined: the caches are moving entries to it
    }
  }

  private void markChanged() {
    changedAtNanos = System.nanoTime();
    changed = true;
  }

  private <M extends GroupMember> Registration watch(Group<M> cluster) {
    return cluster.register(
        new GroupMembershipListener<M>() {
          @Override
          public void updated(GroupMembershipEvent<M> event) {
            markChanged();
          }
        });
  }

  @PreDestroy
  void stopWatching() {
    if (watching != null) {
      watching.close();
    }
  }

  /**
   * Whether a member joined or left (or this node joined) less than {@code window} ago: while
   * the session caches move their entries to the new members, a session lookup can fail without
   * an error (HttpSessionStorage#exists).
   */
  public boolean changedWithin(Duration window) {
    return changed && System.nanoTime() - changedAtNanos < window.toNanos();
  }

  /** The node, its cluster and its sessions, counted now: for an administrator's request. */
  public View view() {
    return new View(group.getLocalMember().getName(), members(), localSessions());
  }

  /** This node's name, as its cluster knows it. */
  public String localMember() {
    return group.getLocalMember().getName();
  }

  /**
   * This node's sessions as last counted, counted again first when {@link RecentCount#countDue};
   * while another thread counts, the last count at once (a metrics scrape does not wait seconds),
   * except before the first count has finished.
   */
  public long recentLocalSessions() {
    return recentSessions.get();
  }

  /** The names of the cluster's members, this node's included. */
  public List<String> members() {
    return group.getMembership().getMembers().stream().map(GroupMember::getName).toList();
  }

  private static long localSessions() {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
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
