package org.erp.sessions.infrastructure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.erp.sessions.application.ClusterMembership;
import org.erp.sessions.application.DeviceRegistry;
import org.erp.sessions.domain.device.EndReason;
import org.wildfly.clustering.server.Group;
import org.wildfly.clustering.server.GroupMember;
import org.wildfly.clustering.server.GroupMembershipListener;
import org.wildfly.clustering.server.Registration;

/**
 * Every application metric of the service, named here and nowhere else (README, "Operating it").
 * WildFly's micrometer subsystem serves them with its own at {@code /metrics} on the management
 * interface, in Prometheus' format ({@code erp.logins} becomes {@code erp_logins_total}), each
 * with the tag {@code WF_DEPLOYMENT="erp-session.ear"}. Tags take only values from fixed sets
 * (outcomes, reasons, route templates, status classes): never a user, a login or a session id.
 * Meters are registered through the registry's name-and-tags methods only: WildFly's application
 * registry passes those to the server's registry, while a {@code Meter.builder(...).register(...)}
 * would stay in a private registry nobody scrapes.
 */
@ApplicationScoped
public class ErpMetrics {

  /** How a sign-in ended. */
  public enum LoginOutcome {
    OK,
    WRONG_PASSWORD,
    THROTTLED,
    UNAVAILABLE,
    /** The concurrent-session limit refused it. */
    REFUSED,
    /** The password was right; the TOTP code is still due (tag {@code pending_2fa}). */
    PENDING_2FA
  }

  /** Where a session value is kept. */
  public enum Store {
    /** WildFly's distributable session (the session state). */
    SESSIONS,
    /** The custom-data cache. */
    SESSION_DATA
  }

  /** Upper bounds of the request latency histogram, in seconds (Prometheus' defaults). */
  private static final double[] LATENCY_BUCKETS = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  private static final String[] LATENCY_BUCKET_NAMES =
      Arrays.stream(LATENCY_BUCKETS).mapToObj(ErpMetrics::bucketName).toArray(String[]::new);

  private static final Set<String> KNOWN_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  /** The signed-in count is a database query: asked at most this often however often scraped. */
  private static final Duration SIGNED_IN_REFRESH = Duration.ofSeconds(5);

  @Inject private MeterRegistry registry;
  @Inject private ClusterMembership membership;
  @Inject private DeviceRegistry devices;

  @Resource(lookup = "java:jboss/clustering/server/group/default")
  private Group<GroupMember> group;

  /**
   * Every request records a timer and up to twelve counters; WildFly's application registry finds
   * each by searching all of the server's meters, so a route's meters are looked up once, here.
   */
  private final Map<String, RouteMeters> routeMeters = new ConcurrentHashMap<>();

  /**
   * The other meters, by name and tag, looked up once for the same reason: a login asked the
   * registry for two of them, and that search was 5 % of the Java samples in a profile of
   * sign-ins (bench/README.md). Their tags come from fixed sets, so this map stays small.
   */
  private final Map<String, Meter> meters = new ConcurrentHashMap<>();

  private Counter viewChanges;
  private Registration viewListener;
  private volatile long signedIn = -1;
  private volatile long signedInAt;

  /** Registers the gauges and the view listener when the application starts, not at first use. */
  void start(@Observes Startup startup) {
    registry.gauge(
        "erp.sessions", Tags.of("scope", "owned"), membership, ClusterMembership::recentLocalSessions);
    registry.gauge(
        "erp.sessions", Tags.of("scope", "signed_in"), this, ErpMetrics::signedInSessions);
    registry.gauge(
        "erp.cluster.members", Tags.empty(), group, g -> g.getMembership().getMembers().size());
    viewChanges = registry.counter("erp.cluster.view.changes", Tags.empty());
    GroupMembershipListener<GroupMember> listener = event -> viewChanges.increment();
    viewListener = group.register(listener);
  }

  @PreDestroy
  void stop() {
    if (viewListener != null) {
      viewListener.close();
    }
  }

  public void login(LoginOutcome outcome) {
    counter("erp.logins", "outcome", tagValue(outcome)).increment();
  }

  public void sessionEnded(EndReason reason, boolean absoluteDeadlinePassed) {
    sessionsEnded(reason, absoluteDeadlinePassed, 1);
  }

  /** As {@link #sessionEnded}, for {@code count} sessions ended at once. */
  public void sessionsEnded(EndReason reason, boolean absoluteDeadlinePassed, long count) {
    String tag =
        switch (reason) {
          case LOGOUT -> "logout";
          case REVOKED -> "revoked";
          case EXPIRED -> absoluteDeadlinePassed ? "absolute" : "idle";
          case PASSWORD -> "password_change";
          case ENDED_BY_ADMIN -> "admin";
          case EVICTED -> "limit";
          case RESTART -> "restart";
        };
    counter("erp.session.ends", "reason", tag).increment(count);
  }

  /** Bytes of one custom-data value written (compact JSON). */
  public void dataWritten(int bytes) {
    DistributionSummary summary =
        (DistributionSummary)
            meters.computeIfAbsent(
                "erp.session.data.bytes", name -> registry.summary(name, Tags.empty()));
    summary.record(bytes);
  }

  /**
   * A request wrote its device's last activity (a database transaction): about once per {@code
   * erp.device.activity-resolution} per active session and node serving it, not per request.
   */
  public void deviceActivityWritten() {
    ((Counter)
            meters.computeIfAbsent(
                "erp.device.activity.writes", name -> registry.counter(name, Tags.empty())))
        .increment();
  }

  public void storeFailed(Store store) {
    counter("erp.session.store.errors", "store", tagValue(store)).increment();
  }

  /** Times a password hash or verification (Argon2id, or an imported PBKDF2). */
  public <T> T passwordHash(String operation, Supplier<T> work) {
    Timer timer =
        (Timer)
            meters.computeIfAbsent(
                "erp.password.hash operation=" + operation,
                key -> registry.timer("erp.password.hash", Tags.of("operation", operation)));
    return timer.record(work);
  }

  /**
   * One answered HTTP request: its route template (never the path), and its status class. The
   * registry WildFly gives an application takes no histogram settings (it serves timers as count,
   * sum and max), so the latency histogram is kept here, as Prometheus reads one: a cumulative
   * counter per upper bound, {@code erp_http_request_duration_buckets_total{le="0.1"}} (a name
   * ending in {@code _bucket} is reserved by the Prometheus client), for
   * {@code histogram_quantile}.
   */
  public void request(String requestMethod, String route, int status, long nanos) {
    // A client may send any token as its method: only the known ones become tag values.
    String method = KNOWN_METHODS.contains(requestMethod) ? requestMethod : "other";
    RouteMeters meters =
        routeMeters.computeIfAbsent(
            method + ' ' + route + ' ' + status / 100, key -> routeMeters(method, route, status));
    meters.timer().record(nanos, TimeUnit.NANOSECONDS);
    double seconds = nanos / 1e9;
    for (int i = 0; i < LATENCY_BUCKETS.length; i++) {
      if (seconds <= LATENCY_BUCKETS[i]) {
        meters.buckets()[i].increment();
      }
    }
    meters.buckets()[LATENCY_BUCKETS.length].increment();
  }

  /** A route's timer and bucket counters ({@code +Inf} last), looked up once per route. */
  private record RouteMeters(Timer timer, Counter[] buckets) {}

  private RouteMeters routeMeters(String method, String route, int status) {
    Tags tags = Tags.of("method", method, "route", route, "status", (status / 100) + "xx");
    Counter[] buckets = new Counter[LATENCY_BUCKETS.length + 1];
    for (int i = 0; i < LATENCY_BUCKETS.length; i++) {
      Tags bucket = tags.and("le", LATENCY_BUCKET_NAMES[i]);
      buckets[i] = registry.counter("erp.http.request.duration.buckets", bucket);
    }
    buckets[LATENCY_BUCKETS.length] =
        registry.counter("erp.http.request.duration.buckets", tags.and("le", "+Inf"));
    return new RouteMeters(registry.timer("erp.http.requests", tags), buckets);
  }

  private double signedInSessions() {
    long now = System.nanoTime();
    if (signedIn < 0 || now - signedInAt > SIGNED_IN_REFRESH.toNanos()) {
      try {
        signedIn = devices.countSignedIn();
      } catch (RuntimeException databaseUnavailable) {
        return signedIn < 0 ? Double.NaN : signedIn;
      }
      signedInAt = now;
    }
    return signedIn;
  }

  /** 0.005 -> "0.005", 1 -> "1.0", as Prometheus' own clients write le. */
  static String bucketName(double bound) {
    return Double.toString(bound);
  }

  /** The counter NAME with the one tag KEY=VALUE, asked of the registry the first time only. */
  private Counter counter(String name, String key, String value) {
    return (Counter)
        meters.computeIfAbsent(
            name + ' ' + key + '=' + value, id -> registry.counter(name, Tags.of(key, value)));
  }

  private static String tagValue(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
