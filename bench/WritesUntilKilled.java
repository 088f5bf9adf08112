import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far durable writes lag behind their answers: writers store custom data until the node is
 * killed, then, after the restart, what the store kept is compared with what was acknowledged.
 *
 * <p>write: signs in THREADS sessions (users PREFIX1..), then each writes "seq" = 1, 2, 3, ... in
 * its session's custom data, one after the other, until the node stops answering. Writes one line
 * per acknowledged value to LOG: "cookie value ack-epoch-millis".
 *
 * <p>read: after the restart, reads each session's "seq" and, with KILLED_AT (epoch millis of the
 * SIGKILL), prints "sessions=S writes=W lost=L lost_sessions=N lag_ms=X": L acknowledged values
 * the store did not keep, and X the time from the earliest of them to the kill (0 when none was
 * lost), the write-behind queue's lag at that moment. Exits 1 when a session itself was lost.
 *
 * <p>java bench/WritesUntilKilled.java write BASE_URL THREADS USERS PREFIX PASSWORD LOG
 * <br>java bench/WritesUntilKilled.java read BASE_URL LOG KILLED_AT
 */
public class WritesUntilKilled {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final Pattern CSRF = Pattern.compile("\"csrf_token\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern SEQ = Pattern.compile("\"value\"\\s*:\\s*(\\d+)");

  public static void main(String[] args) throws Exception {
    if (args[0].equals("write")) {
      write(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4], args[5], Path.of(args[6]));
    } else {
      read(args[1], Path.of(args[2]), Long.parseLong(args[3]));
    }
  }

  private static void write(
      String base, int threads, int users, String prefix, String password, Path log)
      throws Exception {
    List<String[]> sessions = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/api/session"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"login\":\"" + prefix + (t % users + 1) + "\",\"password\":\"" + password + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher csrf = CSRF.matcher(answer.body());
      String cookie =
          answer.headers().allValues("Set-Cookie").stream()
              .map(header -> header.split(";", 2)[0])
              .filter(c -> c.startsWith("session_id=") && !c.endsWith("="))
              .reduce((first, last) -> last)
              .orElseThrow(() -> new IllegalStateException("login failed: " + answer.statusCode()));
      if (!csrf.find()) {
        throw new IllegalStateException("no CSRF token in the login answer");
      }
      sessions.add(new String[] {cookie, csrf.group(1)});
    }
    System.out.println("writing"); // the caller may start its clock now
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<String>>> done = new ArrayList<>();
    for (String[] session : sessions) {
      done.add(pool.submit(() -> writeUntilRefused(base, session[0], session[1])));
    }
    List<String> lines = new ArrayList<>();
    for (Future<List<String>> writer : done) {
      lines.addAll(writer.get());
    }
    pool.shutdown();
    Files.write(log, lines);
    System.out.println("acknowledged=" + lines.size());
  }

  private static List<String> writeUntilRefused(String base, String cookie, String csrf) {
    List<String> acknowledged = new ArrayList<>();
    for (long value = 1; ; value++) {
      try {
        int status =
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/session/data/seq"))
                        .header("Content-Type", "application/json")
                        .header("Cookie", cookie)
                        .header("X-CSRF-Token", csrf)
                        .timeout(Duration.ofSeconds(10))
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":" + value + "}"))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status != 204) {
          return acknowledged; // a node shutting down; only a 204 counts
        }
        acknowledged.add(cookie + " " + value + " " + System.currentTimeMillis());
      } catch (IOException | InterruptedException e) {
        return acknowledged; // the node is gone
      }
    }
  }

  private static void read(String base, Path log, long killedAt) throws Exception {
    // Per session: its acknowledged values in order, with their times.
    java.util.Map<String, List<long[]>> acknowledged = new java.util.LinkedHashMap<>();
    for (String line : Files.readAllLines(log)) {
      String[] parts = line.split(" ");
      acknowledged
          .computeIfAbsent(parts[0], c -> new ArrayList<>())
          .add(new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
    }
    int writes = 0;
    int lost = 0;
    int lostSessions = 0;
    long earliestLost = Long.MAX_VALUE;
    for (var session : acknowledged.entrySet()) {
      writes += session.getValue().size();
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/api/session/data/seq"))
                  .header("Cookie", session.getKey())
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      long kept;
      if (answer.statusCode() == 401) {
        lostSessions++;
        kept = 0;
      } else if (answer.statusCode() == 404) {
        kept = 0;
      } else {
        Matcher seq = SEQ.matcher(answer.body());
        if (answer.statusCode() != 200 || !seq.find()) {
          throw new IllegalStateException("unexpected answer " + answer.statusCode());
        }
        kept = Long.parseLong(seq.group(1));
      }
      for (long[] write : session.getValue()) {
        if (write[0] > kept) {
          lost++;
          earliestLost = Math.min(earliestLost, write[1]);
        }
      }
    }
    // A write answered after the kill was taken (in flight at that instant) counts as 0.
    long lag = lost == 0 ? 0 : Math.max(0, killedAt - earliestLost);
    System.out.printf(
        "sessions=%d writes=%d lost=%d lost_sessions=%d lag_ms=%d%n",
        acknowledged.size(), writes, lost, lostSessions, lag);
    if (lostSessions > 0) {
      System.exit(1);
    }
  }
}
