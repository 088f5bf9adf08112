import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads every session of COOKIE_FILE (one "name=value" per line, as CreateSessions.java writes
 * them) once with GET /api/session, on THREADS threads, and prints how many answered each status
 * ("read=N 200=N [401=N ...] seconds=S"). Exits 1 unless every one answered 200. With DATA_BYTES,
 * each session's custom-data value "bench" is read too (GET /api/session/data/bench), and a
 * session counts as 200 only when that also answers 200 with the value as it was written (its
 * status otherwise: 404 when the value is missing, and 409, not the API's, when it came back
 * changed).
 *
 * <p>java bench/ReadSessions.java BASE_URL COOKIE_FILE [THREADS [DATA_BYTES]]
 */
public class ReadSessions {

  public static void main(String[] args) throws Exception {
    String base = args[0];
    List<String> cookies = Files.readAllLines(Path.of(args[1]));
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    int dataBytes = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    String value = "\"" + "x".repeat(Math.max(0, dataBytes - 2)) + "\"";
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      pool.submit(
          () -> {
            for (int n = next.getAndIncrement(); n < cookies.size(); n = next.getAndIncrement()) {
              int status;
              try {
                status =
                    http.send(
                            HttpRequest.newBuilder(URI.create(base + "/api/session"))
                                .header("Cookie", cookies.get(n))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status == 200 && dataBytes > 0) {
                  HttpResponse<String> data =
                      http.send(
                          HttpRequest.newBuilder(URI.create(base + "/api/session/data/bench"))
                              .header("Cookie", cookies.get(n))
                              .timeout(Duration.ofSeconds(30))
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
                  status = data.statusCode();
                  if (status == 200 && !data.body().contains("\"value\":" + value)) {
                    status = 409; // the value came back changed
                  }
                }
              } catch (Exception e) {
                status = 0; // no answer
              }
              statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            }
            return null;
          });
    }
    pool.shutdown();
    pool.awaitTermination(2, TimeUnit.HOURS);
    double seconds = (System.nanoTime() - start) / 1e9;
    StringBuilder line = new StringBuilder("read=" + cookies.size());
    new TreeMap<>(statuses).forEach((status, count) -> line.append(' ').append(status).append('=').append(count));
    System.out.printf("%s seconds=%.1f%n", line, seconds);
    LongAdder served = statuses.get(200);
    if (served == null || served.sum() != cookies.size()) {
      System.exit(1);
    }
  }
}
