package org.erp.sessions.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.erp.sessions.application.ClusterMembership;

/**
 * Every 10 s, and once at start, writes this node's session count into {@link NodeStatsStore}: as
 * last counted ({@link ClusterMembership#recentLocalSessions}; a large node counts less often).
 * Every node runs it for itself; nothing is persistent, so a node that is gone simply stops
 * reporting and its entry expires.
 */
@Singleton
@Startup
public class NodeStatsReporter {

  private static final Logger LOG = Logger.getLogger(NodeStatsReporter.class.getName());

  @Inject private ClusterMembership membership;
  @Inject private NodeStatsStore store;

  @PostConstruct
  void reportAtStart() {
    report();
  }

  @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
  void report() {
    try {
      // Reported every time, so the entry does not expire while a large count is not yet redone.
      store.report(membership.localMember(), membership.recentLocalSessions());
    } catch (RuntimeException e) {
      // The cache may be stopping with the server; the next report tries again.
      LOG.log(Level.FINE, "Node stats report failed: " + e.getClass().getSimpleName());
    }
  }
}
