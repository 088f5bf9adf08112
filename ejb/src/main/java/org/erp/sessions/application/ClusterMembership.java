package org.erp.sessions.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
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
 * #recentLocalSessions}, counted again only when {@link #countDue}; an administrator's request
 * counts now ({@link #view}).
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

  /**
   * A count is redone once it is older than this many times what it took, so that counting takes
   * at most about 2 % of one thread: a few milliseconds' count on a small node is redone every
   * time (the reporter's 10 s), one of 10 s on a node with a million sessions every 8 minutes.
   */
  static final int COUNT_AGE_PER_COUNT_TIME = 50;

  /** Scrapes and reports closer than this share one count, however cheap. */
  static final Duration COUNT_MIN_AGE = Duration.ofSeconds(5);

  /** Held while counting; a caller that finds it taken gets the last count without waiting. */
  private final ReentrantLock counting = new ReentrantLock();

  private volatile long countedSessions;
  private long countedAtNanos; // under counting
  private long countTookNanos = -1; // under counting; never counted

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
   * This node's sessions as last counted, counted again first when {@link #countDue}; while
   * another thread counts, the last count at once (a metrics scrape does not wait seconds).
   */
  public long recentLocalSessions() {
    if (counting.tryLock()) {
      try {
        long now = System.nanoTime();
        if (countDue(countTookNanos, now - countedAtNanos)) {
          countedSessions = localSessions();
          countTookNanos = System.nanoTime() - now;
          countedAtNanos = now;
        }
      } finally {
        counting.unlock();
      }
    }
    return countedSessions;
  }

  /**
   * Whether a count that took {@code tookNanos} (negative: none yet) and is {@code ageNanos} old
   * is to be redone.
   */
  static boolean countDue(long tookNanos, long ageNanos) {
    if (tookNanos < 0) {
      return true;
    }
    long minAge = COUNT_MIN_AGE.toNanos();
    long costAge = tookNanos > Long.MAX_VALUE / COUNT_AGE_PER_COUNT_TIME
        ? Long.MAX_VALUE
        : tookNanos * COUNT_AGE_PER_COUNT_TIME;
    return ageNanos >= Math.max(minAge, costAge);
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
