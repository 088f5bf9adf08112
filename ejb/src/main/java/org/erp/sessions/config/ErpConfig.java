package org.erp.sessions.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.erp.sessions.domain.password.PasswordHasher;

/**
 * Every setting of the service (API.md §10), with its default, in one place.
 *
 * <p>Values come from MicroProfile Config, so each can be set as a system property or as an
 * environment variable ({@code erp.session.idle-timeout} = {@code ERP_SESSION_IDLE_TIMEOUT}).
 * They are read when used, not cached: a system property changed at run time (for example through
 * the management API) applies to the next login or request, without a redeployment (the ones read
 * by every request, {@link #deviceActivityResolution}, {@link #languages} and {@link
 * #rotationInterval}, within a second). Values that are captured
 * per session (timeouts) apply to sessions created after the change.
 *
 * <p>Durations and the limit policy are converted by MicroProfile Config, with the converters this
 * module registers ({@link DurationConverter}, {@link LimitPolicyConverter}); this class adds the
 * defaults and the range checks, and turns any refused value into one message naming the setting.
 */
@ApplicationScoped
public class ErpConfig {

  public static final String IDLE_TIMEOUT = "erp.session.idle-timeout";
  public static final String ABSOLUTE_TIMEOUT = "erp.session.absolute-timeout";
  public static final String COOKIE_NAME = "erp.session.cookie-name";
  public static final String MAX_PER_USER = "erp.session.max-per-user";
  public static final String LIMIT_POLICY = "erp.session.limit-policy";
  public static final String DATA_MAX_VALUE_BYTES = "erp.session.data.max-value-bytes";
  public static final String DATA_MAX_KEYS = "erp.session.data.max-keys";
  public static final String DATA_MAX_TOTAL_BYTES = "erp.session.data.max-total-bytes";
  public static final String LOGIN_COOLDOWN_AFTER = "erp.login.cooldown-after";
  public static final String LOGIN_COOLDOWN = "erp.login.cooldown";
  public static final String LOGIN_ADDRESS_COOLDOWN_AFTER = "erp.login.address-cooldown-after";
  public static final String LOGIN_SLOWDOWN_AFTER = "erp.login.slowdown-after";
  public static final String LOGIN_SLOWDOWN_PAUSE = "erp.login.slowdown-pause";
  public static final String PASSWORD_MAX_CONCURRENT = "erp.password.max-concurrent";
  public static final String PASSWORD_TURN_WAIT = "erp.password.turn-wait";
  public static final String ARGON2_NATIVE = "erp.password.argon2.native";
  public static final String LANGUAGES = "erp.languages";
  public static final String DB_NAME = "erp.db-name";
  public static final String DEMO_DATA = "erp.demo-data";
  public static final String BOOTSTRAP_ADMIN_PASSWORD = "erp.bootstrap.admin-password";
  public static final String DEVICE_ACTIVITY_RESOLUTION = "erp.device.activity-resolution";
  public static final String ARGON2_MEMORY_KIB = "erp.password.argon2.memory-kib";
  public static final String ARGON2_ITERATIONS = "erp.password.argon2.iterations";
  public static final String LOG_SESSION_SALT = "erp.log.session-salt";
  public static final String IDENTITY_CHECK_WINDOW = "erp.identity-check.window";
  public static final String API_KEY_MAX_LIFETIME = "erp.api-key.max-lifetime";
  public static final String TOTP_ENCRYPTION_KEY = "erp.totp.encryption-key";
  public static final String TOTP_PENDING_TIMEOUT = "erp.totp.pending-timeout";
  public static final String TOTP_TRUSTED_DEVICE_LIFETIME = "erp.totp.trusted-device-lifetime";
  public static final String ROTATION_INTERVAL = "erp.session.rotation-interval";
  public static final String ROTATION_GRACE = "erp.session.rotation-grace";
  public static final String SESSION_PERSISTENCE = "erp.session.persistence";
  public static final String MAX_IN_MEMORY = "erp.session.max-in-memory";
  public static final String DATA_MAX_IN_MEMORY = "erp.session.data.max-in-memory";

  /** What happens at login when a user already has {@link #maxSessionsPerUser()} sessions. */
  public enum LimitPolicy {
    DENY("deny"),
    EVICT_OLDEST("evict-oldest");

    private final String settingValue;

    LimitPolicy(String settingValue) {
      this.settingValue = settingValue;
    }

    /** How the policy is written in {@link #LIMIT_POLICY}. */
    public String settingValue() {
      return settingValue;
    }
  }

  /** Request bodies larger than this are refused before they are read (API.md §0). */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private static final String SERVER_VERSION = loadServerVersion();

  /**
   * How long a setting that every request reads is used before it is read again: parsing them per
   * request was about 3 % of a session read's CPU (bench/README.md, the profile).
   */
  private static final long PER_REQUEST_REREAD_NANOS = 1_000_000_000L;

  private final Reread<Duration> activityResolution = new Reread<>(this::parseDeviceActivityResolution);
  private final Reread<List<String>> languages = new Reread<>(this::parseLanguages);
  private final Reread<Duration> rotationInterval = new Reread<>(this::parseRotationInterval);

  /** A setting read by every request: parsed again at most once a second. */
  private static final class Reread<T> {
    private record Parsed<T>(T value, long parsedAtNanos) {}

    private final Supplier<T> parse;
    private volatile Parsed<T> last;

    Reread(Supplier<T> parse) {
      this.parse = parse;
    }

    T get() {
      Parsed<T> parsed = last;
      long now = System.nanoTime();
      if (parsed == null || now - parsed.parsedAtNanos() > PER_REQUEST_REREAD_NANOS) {
        parsed = new Parsed<>(parse.get(), now);
        last = parsed;
      }
      return parsed.value();
    }
  }

  /**
   * This module's configuration, whichever module calls: it is the one that sees our converters.
   * Looked up at each read, so a changed system property applies to the next request.
   */
  private Config config() {
    return ConfigProvider.getConfig(ErpConfig.class.getClassLoader());
  }

  public Duration idleTimeout() {
    return positiveDuration(IDLE_TIMEOUT, Duration.ofMinutes(30));
  }

  public Duration absoluteTimeout() {
    return positiveDuration(ABSOLUTE_TIMEOUT, Duration.ofHours(12));
  }

  /**
   * True when sessions are kept in memory only ({@code memory}), false when the database keeps
   * them too ({@code database}, the default). The server's session stores (configure.cli) read the
   * same setting at boot; this side only needs it to know that a start of the whole cluster
   * found no session.
   */
  public boolean sessionsInMemoryOnly() {
    String value = string(SESSION_PERSISTENCE, "database");
    return switch (value) {
      case "database" -> false;
      case "memory" -> true;
      default -> throw invalid(SESSION_PERSISTENCE, value, "database or memory");
    };
  }

  /**
   * Sessions a node holds in memory (Keycloak's default bound); the others are only in the store
   * until their next request. 0: no bound, every session in the heap (WildFly then keeps no
   * bounded container, whose upkeep grows with the sessions held: see bench/README.md). The server reads it, not this class: its session manager at deployment (the
   * EAR's jboss-all.xml), so a change applies at the next start; this side only validates it.
   */
  public int maxSessionsInMemory() {
    return integer(MAX_IN_MEMORY, 10_000, 0);
  }

  /**
   * Custom-data entries (values, and each session's index of its keys) a node holds in memory; the
   * others are only in the store until asked for. Read by the server at boot (configure.cli: the
   * cache's heap size, which must be at least 1); this side only validates it.
   */
  public int maxDataEntriesInMemory() {
    return integer(DATA_MAX_IN_MEMORY, 10_000, 1);
  }

  public String cookieName() {
    String name = string(COOKIE_NAME, "session_id");
    if (!name.matches("[A-Za-z0-9_\\-]{1,64}")) {
      throw invalid(COOKIE_NAME, name, "letters, digits, '_' or '-'");
    }
    return name;
  }

  /** Concurrent sessions per user; 0 means no limit. */
  public int maxSessionsPerUser() {
    return integer(MAX_PER_USER, 0, 0);
  }

  public LimitPolicy limitPolicy() {
    return value(LIMIT_POLICY, LimitPolicy.class, "deny or evict-oldest").orElse(LimitPolicy.DENY);
  }

  public int dataMaxValueBytes() {
    return integer(DATA_MAX_VALUE_BYTES, 4096, 1);
  }

  public int dataMaxKeys() {
    return integer(DATA_MAX_KEYS, 32, 1);
  }

  public int dataMaxTotalBytes() {
    return integer(DATA_MAX_TOTAL_BYTES, 16384, 1);
  }

  public int loginCooldownAfter() {
    return integer(LOGIN_COOLDOWN_AFTER, 5, 1);
  }

  public Duration loginCooldown() {
    return positiveDuration(LOGIN_COOLDOWN, Duration.ofSeconds(60));
  }

  /** Failed logins from one client address, whatever the login, before its cooldown. */
  public int loginAddressCooldownAfter() {
    return integer(LOGIN_ADDRESS_COOLDOWN_AFTER, 20, 1);
  }

  /** Failed logins of one login, from any address, before it is slowed down. */
  public int loginSlowdownAfter() {
    return integer(LOGIN_SLOWDOWN_AFTER, 50, 1);
  }

  /** A slowed-down login takes one attempt per this pause. */
  public Duration loginSlowdownPause() {
    return positiveDuration(LOGIN_SLOWDOWN_PAUSE, Duration.ofSeconds(5));
  }

  /**
   * Password hashes computed at once on this node; each Argon2id takes 19 MiB, so this bounds
   * their memory too. Default: twice the cores.
   */
  public int passwordMaxConcurrent() {
    return integer(PASSWORD_MAX_CONCURRENT, 2 * Runtime.getRuntime().availableProcessors(), 1);
  }

  /** How long a login waits for a hashing turn before it is answered {@code 503}; may be zero. */
  public Duration passwordTurnWait() {
    Duration wait =
        value(PASSWORD_TURN_WAIT, Duration.class, "an ISO-8601 duration such as PT1S")
            .orElse(Duration.ofSeconds(1));
    if (wait.isNegative()) {
      throw invalid(PASSWORD_TURN_WAIT, "a duration of zero or more such as PT1S");
    }
    return wait;
  }

  /** Whether Argon2id may use the reference C implementation (false: always the Java one). */
  public boolean argon2Native() {
    return bool(ARGON2_NATIVE, true);
  }

  /** The languages a user may choose, the first being a new user's default. */
  public List<String> languages() {
    return languages.get();
  }

  private List<String> parseLanguages() {
    return Arrays.stream(string(LANGUAGES, "en_US,fr_FR,de_DE,nl_BE,es_ES").split(","))
        .map(String::trim)
        .filter(lang -> !lang.isEmpty())
        .toList();
  }

  public String dbName() {
    return string(DB_NAME, "erp");
  }

  public boolean demoData() {
    return bool(DEMO_DATA, false);
  }

  /**
   * The password of the first administrator ({@code admin}), created in company 1 when the
   * database has no user; empty (the default) creates nobody. Meant for one start: remove it after.
   */
  public String bootstrapAdminPassword() {
    return string(BOOTSTRAP_ADMIN_PASSWORD, "");
  }

  /**
   * How late a device's last activity, and a stored session's last access, may be recorded. The
   * session store reads it too, when its cache starts (session-store's AccessTimeResolution).
   */
  public Duration deviceActivityResolution() {
    return activityResolution.get();
  }

  private Duration parseDeviceActivityResolution() {
    return positiveDuration(DEVICE_ACTIVITY_RESOLUTION, Duration.ofMinutes(1));
  }

  /** Argon2id memory cost; the default is OWASP's recommendation (19 MiB). */
  public int argon2MemoryKib() {
    return integer(ARGON2_MEMORY_KIB, 19 * 1024, 8);
  }

  /** Argon2id time cost; the default is OWASP's recommendation (2 passes). */
  public int argon2Iterations() {
    return integer(ARGON2_ITERATIONS, 2, 1);
  }

  /** A hasher at the configured Argon2id cost. */
  public PasswordHasher passwordHasher() {
    return new PasswordHasher(argon2MemoryKib(), argon2Iterations(), argon2Native());
  }

  /**
   * The secret that log lines hash session ids with. Empty (the default) means a random salt per
   * JVM: names then match within one node's log only; set the same value on every node to follow
   * a session across the cluster.
   */
  public String logSessionSalt() {
    return string(LOG_SESSION_SALT, "");
  }

  /** How long a password check lets a session do sensitive actions (API.md §12). */
  public Duration identityCheckWindow() {
    return positiveDuration(IDENTITY_CHECK_WINDOW, Duration.ofMinutes(10));
  }

  /** The furthest ahead a non-administrator's API key may expire (API.md §13). */
  public Duration apiKeyMaxLifetime() {
    return positiveDuration(API_KEY_MAX_LIFETIME, Duration.ofDays(90));
  }

  /**
   * The AES key (base64 of 16, 24 or 32 bytes) that encrypts TOTP secrets at rest; empty (the
   * default) means {@link #totpEncryptionKey} falls back to a fixed development key, so a fresh
   * checkout and the tests work out of the box. The value is never written into a message.
   */
  public Optional<byte[]> totpEncryptionKey() {
    String text = string(TOTP_ENCRYPTION_KEY, "");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    byte[] key;
    try {
      key = java.util.Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      key = new byte[0];
    }
    if (key.length != 16 && key.length != 24 && key.length != 32) {
      throw new IllegalStateException(
          "Configuration " + TOTP_ENCRYPTION_KEY + " is invalid: expected the base64 of 16, 24"
              + " or 32 random bytes (e.g. openssl rand -base64 32).");
    }
    return Optional.of(key);
  }

  /** How long a session waits for its TOTP code after the password (API.md §14). */
  public Duration totpPendingTimeout() {
    return positiveDuration(TOTP_PENDING_TIMEOUT, Duration.ofMinutes(5));
  }

  /** How long "remember this browser" skips the TOTP code. */
  public Duration totpTrustedDeviceLifetime() {
    return positiveDuration(TOTP_TRUSTED_DEVICE_LIFETIME, Duration.ofDays(90));
  }

  /** How long a session id is used before its next request replaces it (ASVS V3.3). */
  public Duration rotationInterval() {
    return rotationInterval.get();
  }

  private Duration parseRotationInterval() {
    return positiveDuration(ROTATION_INTERVAL, Duration.ofHours(3));
  }

  /** How long a replaced session id still reaches its session (parallel requests, other tabs). */
  public Duration rotationGrace() {
    return positiveDuration(ROTATION_GRACE, Duration.ofMinutes(2));
  }

  /** The version of the deployed build, reported as {@code server_version}. */
  public String serverVersion() {
    return SERVER_VERSION;
  }

  /** Reads every setting once, so that a wrong value stops the deployment with a clear message. */
  public void validate() {
    idleTimeout();
    absoluteTimeout();
    cookieName();
    sessionsInMemoryOnly();
    maxSessionsInMemory();
    maxDataEntriesInMemory();
    maxSessionsPerUser();
    limitPolicy();
    dataMaxValueBytes();
    dataMaxKeys();
    dataMaxTotalBytes();
    loginCooldownAfter();
    loginCooldown();
    loginAddressCooldownAfter();
    loginSlowdownAfter();
    loginSlowdownPause();
    passwordMaxConcurrent();
    passwordTurnWait();
    argon2Native();
    if (parseLanguages().isEmpty()) {
      throw invalid(LANGUAGES, "", "at least one language");
    }
    dbName();
    demoData();
    parseDeviceActivityResolution();
    argon2MemoryKib();
    argon2Iterations();
    identityCheckWindow();
    apiKeyMaxLifetime();
    totpEncryptionKey();
    totpPendingTimeout();
    totpTrustedDeviceLifetime();
    parseRotationInterval();
    rotationGrace();
  }

  private String string(String name, String defaultValue) {
    return config().getOptionalValue(name, String.class).map(String::trim).orElse(defaultValue);
  }

  /** The value converted by MicroProfile Config; a value it cannot convert is a clear error. */
  private <T> Optional<T> value(String name, Class<T> type, String expected) {
    try {
      return config().getOptionalValue(name, type);
    } catch (IllegalArgumentException e) {
      throw invalid(name, expected);
    }
  }

  // Not MicroProfile's Boolean converter: it reads any unknown word as false, hiding a typo.
  private boolean bool(String name, boolean defaultValue) {
    String value = string(name, Boolean.toString(defaultValue)).toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(name, value, "true or false");
    };
  }

  private int integer(String name, int defaultValue, int minimum) {
    int value = value(name, Integer.class, "an integer").orElse(defaultValue);
    if (value < minimum) {
      throw invalid(name, "an integer of at least " + minimum);
    }
    return value;
  }

  private Duration positiveDuration(String name, Duration defaultValue) {
    Duration value =
        value(name, Duration.class, "an ISO-8601 duration such as PT30M").orElse(defaultValue);
    if (value.isNegative() || value.isZero()) {
      throw invalid(name, "a positive ISO-8601 duration such as PT30M");
    }
    return value;
  }

  /** The setting's value as given (not as converted), for the message. */
  private IllegalStateException invalid(String name, String expected) {
    String value = config().getConfigValue(name).getValue();
    return invalid(name, value == null ? "" : value.trim(), expected);
  }

  private static IllegalStateException invalid(String name, String value, String expected) {
    return new IllegalStateException(
        "Configuration " + name + " = '" + value + "' is invalid: expected " + expected + ".");
  }

  private static String loadServerVersion() {
    try (InputStream in = ErpConfig.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("server.version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
