package org.erp.sessions.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.erp.sessions.domain.device.DeviceRepository;
import org.erp.sessions.infrastructure.NodeStatsStore;

/**
 * What the administrators' overview shows (API.md §6): the members of the cluster with the
 * sessions each holds, and the successful sign-ins of the whole cluster per minute over the last
 * hour, counted from the device log (every sign-in opens a device).
 */
@Stateless
public class AdminOverview {

  /** The chart's width: the last hour, the current minute included. */
  static final int MINUTES = 60;

  /** The cluster with its figures, as the serving node knows them. */
  public record Overview(String node, List<Member> members, List<MinuteCount> loginsPerMinute) {}

  /** A member and its sessions; null when it has not reported lately. */
  @JsonbNillable
  public record Member(String name, Long sessions) {}

  /** Sign-ins in the minute that starts at {@code minute}. */
  public record MinuteCount(Instant minute, int count) {}

  @Inject private ClusterMembership membership;
  @Inject private NodeStatsStore nodeStats;
  @Inject private DeviceRepository devices;
  @Inject private Clock clock;

  public Overview overview() {
    ClusterMembership.View view = membership.view();
    Map<String, Long> reported = nodeStats.sessionsByNode();
    // This node's own figure is read now rather than from its last report.
    List<Member> members =
        view.members().stream()
            .map(
                name ->
                    new Member(
                        name, name.equals(view.node()) ? view.localSessions() : reported.get(name)))
            .toList();
    Instant first = firstMinute(clock.instant());
    return new Overview(view.node(), members, perMinute(first, devices.signInsSince(first)));
  }

  static Instant firstMinute(Instant now) {
    return now.truncatedTo(ChronoUnit.MINUTES).minus(MINUTES - 1, ChronoUnit.MINUTES);
  }

  /**
   * {@link #MINUTES} counts from {@code first} on, zeros included; a sign-in stamped later than
   * the last minute (another node's clock ahead of this one's) is left out.
   */
  static List<MinuteCount> perMinute(Instant first, List<Instant> signIns) {
    int[] counts = new int[MINUTES];
    for (Instant signIn : signIns) {
      long minute = Duration.between(first, signIn).toMinutes();
      if (!signIn.isBefore(first) && minute < MINUTES) {
        counts[(int) minute]++;
      }
    }
    List<MinuteCount> perMinute = new ArrayList<>(MINUTES);
    for (int i = 0; i < MINUTES; i++) {
      perMinute.add(new MinuteCount(first.plus(i, ChronoUnit.MINUTES), counts[i]));
    }
    return perMinute;
  }
}
