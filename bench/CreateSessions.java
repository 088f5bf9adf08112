import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs in COUNT sessions and leaves them idle: logins rotate over the users
 * PREFIX1..PREFIX{USERS}, all with PASSWORD, on THREADS threads. The cookies are thrown away, or
 * appended to COOKIE_FILE ("name=value", one per line) for ReadSessions.java. With DATA_BYTES,
 * each session also stores a custom-data value of that many bytes (a JSON string) under the key
 * "bench" right after its login, as a wizard would (ReadSessions.java reads it back). Every
 * minute it tells stderr how far it got and the last minute's rate (a long run shows whether
 * logins slow down as sessions pile up).
 *
 * <p>java bench/CreateSessions.java BASE_URL COUNT USERS PREFIX PASSWORD [THREADS [COOKIE_FILE
 * [DATA_BYTES]]]
 */
public class CreateSessions {

  public static void main(String[] args) throws Exception {
    String base = args[0];
    int count = Integer.parseInt(args[1]);
    int users = Integer.parseInt(args[2]);
    String prefix = args[3];
    String password = args[4];
    int threads = args.length > 5 ? Integer.parseInt(args[5]) : 8;
    Path cookieFile = args.length > 6 ? Path.of(args[6]) : null;
    int dataBytes = args.length > 7 ? Integer.parseInt(args[7]) : 0;
    // A JSON string of DATA_BYTES bytes in all, quotes included.
    String data = "{\"value\":\"" + "x".repeat(Math.max(0, dataBytes - 2)) + "\"}";
    Pattern csrfToken = Pattern.compile("\"csrf_token\"\\s*:\\s*\"([^\"]+)\"");
    Queue<String> cookies = new ConcurrentLinkedQueue<>();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    ScheduledExecutorService progress =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "progress");
              thread.setDaemon(true);
              return thread;
            });
    int[] lastDone = {0};
    progress.scheduleAtFixedRate(
        () -> {
          int now = done.get();
          System.err.printf(
              "progress: %d of %d logins done at %.0f s, %d/s over the last minute%n",
              now, count, (System.nanoTime() - start) / 1e9, (now - lastDone[0]) / 60);
          lastDone[0] = now;
        },
        60,
        60,
        TimeUnit.SECONDS);
    for (int t = 0; t < threads; t++) {
      pool.submit(
          () -> {
            // done counts in the update, so that a failed login (continue) counts as done too.
            for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement(), done.incrementAndGet()) {
              String body =
                  "{\"login\":\"" + prefix + (n % users + 1) + "\",\"password\":\"" + password + "\"}";
              try {
                HttpResponse<String> answer =
                    http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/session"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                  failed.incrementAndGet();
                  continue;
                }
                String cookie =
                    answer.headers().allValues("Set-Cookie").stream()
                        .map(header -> header.split(";", 2)[0])
                        .filter(c -> c.startsWith("session_id=") && !c.endsWith("="))
                        .reduce((first, last) -> last)
                        .orElse(null);
                if (dataBytes > 0) {
                  Matcher csrf = csrfToken.matcher(answer.body());
                  if (cookie == null
                      || !csrf.find()
                      || http.send(
                                  HttpRequest.newBuilder(URI.create(base + "/api/session/data/bench"))
                                      .header("Content-Type", "application/json")
                                      .header("Cookie", cookie)
                                      .header("X-CSRF-Token", csrf.group(1))
                                      .PUT(HttpRequest.BodyPublishers.ofString(data))
                                      .build(),
                                  HttpResponse.BodyHandlers.discarding())
                              .statusCode()
                          != 204) {
                    failed.incrementAndGet();
                    continue;
                  }
                }
                if (cookieFile != null && cookie != null) {
                  cookies.add(cookie);
                }
              } catch (Exception e) {
                failed.incrementAndGet();
              }
            }
            return null;
          });
    }
    pool.shutdown();
    pool.awaitTermination(2, TimeUnit.HOURS);
    progress.shutdownNow();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (cookieFile != null) {
      Files.write(cookieFile, cookies, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    System.out.printf("created=%d failed=%d seconds=%.1f%n", count - failed.get(), failed.get(), seconds);
    if (failed.get() > 0) {
      System.exit(1);
    }
  }
}
