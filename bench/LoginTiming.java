import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a failed login's time tells: wrong passwords for an unknown login, an Argon2id user and a
 * user imported with an Odoo PBKDF2 hash, interleaved one request each in a new order every
 * time. A round is PER_ROUND attempts per kind; its figure per kind is the median, and its
 * ratios are argon/unknown and odoo/unknown. Rounds repeat until two in a row agree within 5 %
 * (at most MAX_WARMUP), then ROUNDS rounds are measured. Prints one line per round and, last,
 * "RESULT argon_ratio odoo_ratio" (medians of the measured rounds' ratios).
 *
 * <p>The server's login cooldown must allow the attempts (bench/login-timing.sh raises it).
 *
 * <p>java bench/LoginTiming.java BASE_URL ADMIN_LOGIN ADMIN_PASSWORD ROUNDS PER_ROUND MAX_WARMUP
 */
public class LoginTiming {

  /** hashlib.pbkdf2_hmac('sha512', b'imported from odoo', b'timing-test-salt', 100000). */
  private static final String ODOO_HASH_100K =
      "$pbkdf2-sha512$100000$dGltaW5nLXRlc3Qtc2FsdA$JjKrgd/3o7D2MNOqwm9ew9gJgOS7s06lv.Uhh8jWkVzx3Vxk9MD/vpHdJT9ixxw9pVsBMFd0ebRyzgH2Wx5xrg";

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  public static void main(String[] args) throws Exception {
    String base = args[0];
    int rounds = Integer.parseInt(args[3]);
    int perRound = Integer.parseInt(args[4]);
    int maxWarmup = Integer.parseInt(args[5]);
    String suffix = Long.toString(System.currentTimeMillis(), 36);
    String[] admin = signIn(base, args[1], args[2]);
    String argon = "timing-argon-" + suffix;
    String odoo = "timing-odoo-" + suffix;
    createUser(base, admin, argon, "\"password\":\"a long enough password\"");
    createUser(base, admin, odoo, "\"password_hash\":\"" + ODOO_HASH_100K + "\"");
    List<String> logins = List.of("timing-nobody-" + suffix, argon, odoo);

    double[] previous = null;
    int warmup = 0;
    while (warmup < maxWarmup) {
      double[] ratios = round(base, logins, perRound, "warm-up " + (warmup + 1));
      warmup++;
      if (previous != null && agree(previous, ratios)) {
        break;
      }
      previous = ratios;
    }
    List<Double> argonRatios = new ArrayList<>();
    List<Double> odooRatios = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      double[] ratios = round(base, logins, perRound, "round " + r);
      argonRatios.add(ratios[0]);
      odooRatios.add(ratios[1]);
    }
    System.out.printf("RESULT %.3f %.3f%n", median(argonRatios), median(odooRatios));
  }

  /** One round; prints its medians and returns {argon/unknown, odoo/unknown}. */
  private static double[] round(String base, List<String> logins, int perRound, String name)
      throws Exception {
    Map<String, List<Double>> millis = new LinkedHashMap<>();
    logins.forEach(login -> millis.put(login, new ArrayList<>()));
    for (int i = 0; i < perRound; i++) {
      for (int k = 0; k < logins.size(); k++) {
        String login = logins.get((i + k) % logins.size()); // each kind in every position
        long start = System.nanoTime();
        int status = login(base, login);
        double took = (System.nanoTime() - start) / 1e6;
        if (status != 401) {
          throw new IllegalStateException("a wrong password answered " + status + " for " + login);
        }
        millis.get(login).add(took);
      }
    }
    double unknown = median(millis.get(logins.get(0)));
    double argon = median(millis.get(logins.get(1)));
    double odoo = median(millis.get(logins.get(2)));
    System.out.printf(
        "%s: median ms unknown %.1f, argon %.1f, odoo %.1f; argon/unknown %.3f, odoo/unknown %.3f%n",
        name, unknown, argon, odoo, argon / unknown, odoo / unknown);
    return new double[] {argon / unknown, odoo / unknown};
  }

  private static boolean agree(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      if (Math.abs(a[i] - b[i]) > 0.05 * a[i]) {
        return false;
      }
    }
    return true;
  }

  private static int login(String base, String login) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                    "{\"login\":\"" + login + "\",\"password\":\"not the password\"}"))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** Signs in; returns {cookie, csrf token}. */
  private static String[] signIn(String base, String login, String password) throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                    "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String cookie =
        answer.headers().allValues("set-cookie").stream()
            .filter(c -> c.startsWith("session_id="))
            .map(c -> c.substring(0, c.indexOf(';')))
            .reduce((first, last) -> last)
            .orElseThrow(() -> new IllegalStateException("admin sign-in failed: " + answer.statusCode()));
    Matcher csrf = Pattern.compile("\"csrf_token\":\"([^\"]+)\"").matcher(answer.body());
    if (!csrf.find()) {
      throw new IllegalStateException("no CSRF token in the admin's session info");
    }
    return new String[] {cookie, csrf.group(1)};
  }

  private static void createUser(String base, String[] admin, String login, String secret)
      throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/admin/users"))
                .header("Content-Type", "application/json")
                .header("Cookie", admin[0])
                .header("X-CSRF-Token", admin[1])
                .POST(HttpRequest.BodyPublishers.ofString(
                    "{\"login\":\"" + login + "\"," + secret + ",\"name\":\"Timing\",\"company_ids\":[1]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 201) {
      throw new IllegalStateException("creating " + login + ": " + answer.statusCode() + " " + answer.body());
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
  }
}
