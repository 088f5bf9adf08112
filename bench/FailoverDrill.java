import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failover drill: SESSIONS signed-in sessions issue requests through the load balancer
 * without pause (GET /api/session/data/k, idempotent); after WARMUP one node is killed with
 * SIGKILL (its pid given as the second argument), and the drill goes on for AFTER. Then every
 * session is checked: still signed in, its custom value intact.
 *
 * <p>java bench/FailoverDrill.java BASE_URL NODE_PID [sessions] [warmup-s] [after-s]
 *
 * <p>Prints one line of key=value figures for bench/failover-drill.sh:
 *
 * <ul>
 *   <li>recovery_s: from the kill to the end of the last request that failed or waited longer
 *       than {@value #STALLED_MILLIS} ms: from then on every session is served normally. 9999
 *       when some session was never served again.
 *   <li>every_session_read_s: from the kill until every session has had a successful read (the
 *       drill's first measure; it adds up to one pass of a worker over its sessions).
 *   <li>slowest_s: the longest request that ended after the kill.
 * </ul>
 *
 * <p>With DRILL_DEBUG set, every failed or slow request after the kill goes to stderr. With
 * DRILL_TIMELINE set to a file, the answers per second in slices of {@value #SLICE_MILLIS} ms from
 * {@value #TIMELINE_BEFORE_S} s before the kill to the end go there as a table for a plot: seconds
 * from the kill, then the answers served normally, then those that failed or waited over {@value
 * #STALLED_MILLIS} ms (by the time they ended).
 */
public class FailoverDrill {

  private static final Pattern COOKIE = Pattern.compile("session_id=([^;]+)");
  private static final Pattern CSRF = Pattern.compile("\"csrf_token\":\"([^\"]+)\"");

  record Session(String cookie, String csrf, String value) {}

  /**
   * A request slower than this waited for the failover: several times what a request takes when
   * the survivor alone serves the drill's 64 workers (about 0.15 s on 2 cores, up to 0.6 s).
   */
  static final long STALLED_MILLIS = 1000;

  record Outcome(long startedAt, long at, long sessionIndex, boolean ok) {}

  static final long SLICE_MILLIS = 100;
  static final int TIMELINE_BEFORE_S = 3;

  public static void main(String[] args) throws Exception {
    String base = args[0];
    long nodePid = Long.parseLong(args[1]);
    int sessions = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    long warmupMillis = (args.length > 3 ? Long.parseLong(args[3]) : 10) * 1000;
    long afterMillis = (args.length > 4 ? Long.parseLong(args[4]) : 15) * 1000;
    String login = System.getenv().getOrDefault("DRILL_LOGIN", "demo");
    String password = System.getenv().getOrDefault("DRILL_PASSWORD", "demo");

    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    List<Session> all = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      HttpResponse<String> signIn =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/session"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(
                      "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (signIn.statusCode() != 200) {
        throw new IllegalStateException("login " + i + ": " + signIn.statusCode() + " " + signIn.body());
      }
      Matcher cookie = COOKIE.matcher(String.join(";", signIn.headers().allValues("Set-Cookie")));
      Matcher csrf = CSRF.matcher(signIn.body());
      if (!cookie.find() || !csrf.find()) {
        throw new IllegalStateException("no cookie or CSRF token in login " + i);
      }
      Session session = new Session(cookie.group(1), csrf.group(1), "{\"drill\":" + i + ",\"note\":\"ünï\"}");
      HttpResponse<String> put =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/session/data/k"))
                  .header("Cookie", "session_id=" + session.cookie())
                  .header("X-CSRF-Token", session.csrf())
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":" + session.value() + "}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (put.statusCode() != 204) {
        throw new IllegalStateException("write " + i + ": " + put.statusCode() + " " + put.body());
      }
      all.add(session);
    }

    ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong requests = new AtomicLong();
    int workers = Math.min(64, sessions);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    long start = System.nanoTime();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      pool.submit(
          () -> {
            // Each worker cycles through its share of the sessions, one request at a time.
            while (running.get()) {
              for (int i = worker; i < all.size() && running.get(); i += workers) {
                Session session = all.get(i);
                long startedAt = System.nanoTime();
                boolean ok;
                try {
                  HttpResponse<String> read =
                      http.send(
                          HttpRequest.newBuilder(URI.create(base + "/api/session/data/k"))
                              .header("Cookie", "session_id=" + session.cookie())
                              .timeout(Duration.ofSeconds(10))
                              .GET()
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
                  ok = read.statusCode() == 200 && read.body().contains(session.value());
                } catch (IOException e) {
                  ok = false;
                } catch (InterruptedException e) {
                  return;
                }
                requests.incrementAndGet();
                outcomes.add(new Outcome(startedAt, System.nanoTime(), i, ok));
              }
            }
          });
    }
    Thread.sleep(warmupMillis);
    long killedAt = System.nanoTime();
    ProcessHandle.of(nodePid).ifPresentOrElse(ProcessHandle::destroyForcibly, () -> {
      throw new IllegalStateException("no process " + nodePid);
    });
    Thread.sleep(afterMillis);
    running.set(false);
    pool.shutdown();
    pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);

    long failed = outcomes.stream().filter(o -> !o.ok()).count();
    // A session is served again at its first success after its last failure following the kill;
    // the drill's recovery time is the latest of these.
    List<Outcome> inOrder = new ArrayList<>(outcomes);
    inOrder.sort(java.util.Comparator.comparingLong(Outcome::at));
    long[] servedAgainAt = new long[all.size()];
    for (Outcome o : inOrder) {
      int i = (int) o.sessionIndex();
      if (o.at() <= killedAt) {
        continue;
      }
      if (!o.ok()) {
        servedAgainAt[i] = 0;
      } else if (servedAgainAt[i] == 0) {
        servedAgainAt[i] = o.at();
      }
    }
    double everySessionRead = 0;
    for (long at : servedAgainAt) {
      everySessionRead =
          at == 0 ? Double.POSITIVE_INFINITY : Math.max(everySessionRead, (at - killedAt) / 1e9);
    }
    double recovery = Double.isInfinite(everySessionRead) ? everySessionRead : 0;
    double slowest = 0;
    for (Outcome o : inOrder) {
      if (o.at() <= killedAt) {
        continue;
      }
      double took = (o.at() - o.startedAt()) / 1e9;
      slowest = Math.max(slowest, took);
      if (!o.ok() || took * 1000 > STALLED_MILLIS) {
        recovery = Math.max(recovery, (o.at() - killedAt) / 1e9);
        if (System.getenv("DRILL_DEBUG") != null) {
          System.err.printf("slow: ended %.2f s after the kill, took %.2f s%n", (o.at() - killedAt) / 1e9, took);
        }
      }
    }

    String timeline = System.getenv("DRILL_TIMELINE");
    if (timeline != null && !inOrder.isEmpty()) {
      writeTimeline(java.nio.file.Path.of(timeline), inOrder, killedAt);
    }

    int lostSessions = 0;
    int lostValues = 0;
    for (Session session : all) {
      HttpResponse<String> read =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/session/data/k"))
                  .header("Cookie", "session_id=" + session.cookie())
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (read.statusCode() == 401) {
        lostSessions++;
      } else if (read.statusCode() != 200 || !read.body().contains(session.value())) {
        lostValues++;
      }
    }
    System.out.printf(
        "sessions=%d requests=%d failed_requests=%d lost_sessions=%d lost_values=%d recovery_s=%.2f"
            + " every_session_read_s=%.2f slowest_s=%.2f duration_s=%.1f%n",
        all.size(), requests.get(), failed, lostSessions, lostValues,
        Double.isInfinite(recovery) ? 9999.0 : recovery,
        Double.isInfinite(everySessionRead) ? 9999.0 : everySessionRead,
        slowest,
        (System.nanoTime() - start) / 1e9);
  }

  /** Answers per second in each slice, normal and failed-or-stalled, by when they ended. */
  private static void writeTimeline(java.nio.file.Path file, List<Outcome> inOrder, long killedAt)
      throws IOException {
    long slice = SLICE_MILLIS * 1_000_000;
    long first = killedAt - TIMELINE_BEFORE_S * 1_000_000_000L;
    int slices = (int) ((inOrder.get(inOrder.size() - 1).at() - first) / slice) + 1;
    long[] served = new long[slices];
    long[] stalled = new long[slices];
    for (Outcome o : inOrder) {
      if (o.at() < first) {
        continue;
      }
      int at = (int) ((o.at() - first) / slice);
      if (o.ok() && o.at() - o.startedAt() <= STALLED_MILLIS * 1_000_000) {
        served[at]++;
      } else {
        stalled[at]++;
      }
    }
    StringBuilder table =
        new StringBuilder("seconds from the kill\tserved normally\tfailed or over 1 s\n");
    double perSecond = 1000.0 / SLICE_MILLIS;
    for (int i = 0; i < slices; i++) {
      table.append(String.format(java.util.Locale.ROOT, "%.1f\t%.0f\t%.0f%n",
          (first + i * slice - killedAt) / 1e9, served[i] * perSecond, stalled[i] * perSecond));
    }
    java.nio.file.Files.writeString(file, table);
  }
}
