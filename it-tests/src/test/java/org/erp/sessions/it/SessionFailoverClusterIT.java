package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.tools.Server;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two real WildFly nodes in one cluster: sessions survive a node killed with SIGKILL, and every
 * change is seen on the other node at once.
 */
@ExtendWith(ArquillianExtension.class)
class SessionFailoverClusterIT {

  static final String NODE1 = "node1";
  static final String NODE2 = "node2";
  static final String URL1 = "http://127.0.0.1:8080";
  static final String URL2 = "http://127.0.0.1:8180";

  private static Server database;
  private static Path databaseDir;

  @ArquillianResource private ContainerController controller;
  @ArquillianResource private Deployer deployer;

  @Deployment(name = NODE1, managed = false, testable = false)
  @TargetsContainer(NODE1)
  static EnterpriseArchive onNode1() {
    return ear();
  }

  @Deployment(name = NODE2, managed = false, testable = false)
  @TargetsContainer(NODE2)
  static EnterpriseArchive onNode2() {
    return ear();
  }

  private static EnterpriseArchive ear() {
    File ear = new File(System.getProperty("erp.ear", "../ear/target/erp-session.ear"));
    return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
  }

  /**
   * The database both nodes share, as a real deployment shares PostgreSQL. It stops when this JVM
   * ends, not in an {@code @AfterAll}: JUnit runs those before Arquillian undeploys from the nodes,
   * and an undeployment waits until its session store has written what it still holds (seen to
   * hang for good after a failed test, with the database already gone).
   */
  @BeforeAll
  static void startDatabase() throws Exception {
    databaseDir = Files.createTempDirectory("erp-cluster-h2");
    database = startDatabaseServer();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  database.stop();
                  deleteDirectory(databaseDir);
                }));
  }

  /** The database's files, so that no run leaves them in the temporary directory. */
  private static void deleteDirectory(Path directory) {
    try (var paths = Files.walk(directory)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (java.io.IOException e) {
      System.err.println("Could not delete " + directory + ": " + e);
    }
  }

  private static Server startDatabaseServer() throws java.sql.SQLException {
    return Server.createTcpServer("-tcpPort", "9124", "-baseDir", databaseDir.toString(), "-ifNotExists")
        .start();
  }

  @BeforeEach
  void bothNodesUp() {
    ensureRunning(NODE1);
    ensureRunning(NODE2);
    awaitBothMembers(URL1, NODE1);
    awaitBothMembers(URL2, NODE2);
  }

  private void ensureRunning(String node) {
    if (!controller.isStarted(node)) {
      controller.start(node);
      deployer.deploy(node);
    }
  }

  /** Unique to this build's node (another build on the machine may run a "node1" too). */
  private static String logDirArgument(String node) {
    return "-Djboss.server.log.dir=" + System.getProperty("erp.server-logs") + "/" + node + " ";
  }

  /** A crash, not a shutdown: SIGKILL of the node's JVM, as the OS would do it. */
  private void crash(String node) {
    List<ProcessHandle> jvms =
        ProcessHandle.allProcesses()
            .filter(
                p ->
                    p.info()
                        .commandLine()
                        .map(c -> c.contains("jboss-modules.jar") && c.contains(logDirArgument(node)))
                        .orElse(false))
            .toList();
    assertEquals(1, jvms.size(), "one JVM for " + node);
    jvms.get(0).destroyForcibly();
    jvms.get(0).onExit().join();
    try {
      controller.kill(node); // Arquillian's bookkeeping: the process is gone already.
    } catch (RuntimeException alreadyDead) {
      // Expected: nothing left to stop.
    }
  }

  /** Waits until GET /api/admin/cluster at url names its node and both members by node name. */
  private static void awaitBothMembers(String url, String node) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    ApiClient admin = new ApiClient().at(url);
    JsonObject view = null;
    while (true) {
      ApiClient.Response login = admin.login("admin", "admin");
      if (login.status() == 200) {
        ApiClient.Response cluster = admin.get("/api/admin/cluster");
        if (cluster.status() == 200) {
          view = cluster.json();
          List<String> members = view.getJsonArray("members").getValuesAs(JsonString::getString);
          if (node.equals(view.getString("node"))
              && members.size() == 2
              && Set.copyOf(members).equals(Set.of(NODE1, NODE2))) {
            return;
          }
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("The cluster did not reach node1 and node2 at " + url + ": " + view);
      }
      ApiTestBase.sleep(500);
    }
  }

  private static String newUser(String url, String prefix) {
    String login = prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    ApiClient admin = new ApiClient().at(url);
    admin.signIn("admin", "admin");
    admin.post(
            "/api/admin/users",
            "{\"login\":\"" + login + "\",\"password\":\"cluster password\",\"name\":\"C\","
                + "\"company_ids\":[1,2],\"lang\":\"en_US\",\"tz\":\"UTC\"}")
        .expect(201);
    return login;
  }

  private static void assertIntact(ApiClient client) {
    JsonObject info = client.get("/api/session").expect(200).json();
    assertEquals(List.of(2, 1), LoginIT.ints(info.getJsonObject("context"), "allowed_company_ids"));
    assertEquals("fr_FR", info.getJsonObject("context").getString("lang"));
    JsonObject data = client.get("/api/session/data").expect(200).json();
    assertEquals("{\"step\":3,\"lines\":[1,2]}", data.get("wizard").toString());
    assertEquals("[\"draft\",\"posted\"]", data.get("filters").toString());
    assertEquals("\"ünïcödé\"", data.get("note").toString());
    assertEquals("42", data.get("count").toString());
    assertEquals("true", data.get("flag").toString());
    assertEquals("null", data.get("nothing").toString());
  }

  /** A change refused while the database is away: 503, and when to try again (API.md §9). */
  private static void assertUnavailableForAWhile(ApiClient.Response refused) {
    assertEquals(503, refused.status(), refused.body());
    assertEquals("service_unavailable", refused.code());
    assertEquals("5", refused.header("Retry-After").orElse("(none)"), refused.body());
  }

  @Test
  void aSessionSurvivesTheCrashOfEitherNodeWithNothingLost() {
    String login = newUser(URL1, "failover");
    ApiClient client = new ApiClient().at(URL1);
    client.signIn(login, "cluster password");
    client.put("/api/session/companies", "{\"allowed_company_ids\":[2,1]}").expect(200);
    client.put("/api/session/data/wizard", "{\"value\":{\"step\":3,\"lines\":[1,2]}}").expect(204);
    client.put("/api/session/data/filters", "{\"value\":[\"draft\",\"posted\"]}").expect(204);
    client.put("/api/session/data/note", "{\"value\":\"ünïcödé\"}").expect(204);
    client.put("/api/session/data/count", "{\"value\":42}").expect(204);
    client.put("/api/session/data/flag", "{\"value\":true}").expect(204);
    client.put("/api/session/data/nothing", "{\"value\":null}").expect(204);
    client.patch("/api/me/preferences", "{\"lang\":\"fr_FR\"}").expect(200);

    crash(NODE1);
    assertIntact(client.at(URL2));

    ensureRunning(NODE1);
    awaitBothMembers(URL1, NODE1);
    crash(NODE2);
    assertIntact(client.at(URL1));
  }

  @Test
  void theSessionStateIsReplicatedAndStoredAsBareFieldsAndReadOnTheOtherNode() throws Exception {
    String login = newUser(URL1, "externalized");
    ApiClient client = new ApiClient().at(URL1);
    client.signIn(login, "cluster password");
    client.put("/api/session/companies", "{\"allowed_company_ids\":[2,1]}").expect(200);

    // Read on node 2 from node 1's copy: the state crossed the cluster in its externalized form.
    ApiClient.Response read = client.at(URL2).get("/api/session").expect(200);
    assertTrue(read.body().contains("\"allowed_company_ids\":[2,1]"), read.body());
    // The stored row that holds the state (it holds the CSRF token) names neither its class nor
    // its fields: SessionStateExternalizer wrote it, through the ServiceLoader entry the session
    // manager's JBoss Marshalling reads from the EAR (lib/erp-session-core.jar).
    byte[] row = new byte[0];
    Instant storedBy = Instant.now().plus(Duration.ofSeconds(30));
    while (row.length == 0 && Instant.now().isBefore(storedBy)) {
      row = storedRowHolding(client.sessionId(), client.csrfToken());
      ApiTestBase.sleep(200);
    }
    String stored = new String(row, StandardCharsets.ISO_8859_1);
    assertTrue(stored.contains(client.csrfToken()), "no stored row holds the session's state");
    assertFalse(stored.contains("SessionState"), "the state's class is described in the store");
    assertFalse(stored.contains("securityStamp"), "the state's fields are described in the store");
  }

  /** The stored row of the session with this cookie value that holds {@code text}, or none. */
  private static byte[] storedRowHolding(String cookie, String text) throws java.sql.SQLException {
    for (byte[] row : storedSessionData(cookie)) {
      if (new String(row, StandardCharsets.ISO_8859_1).contains(text)) {
        return row;
      }
    }
    return new byte[0];
  }

  @Test
  void logoutOnOneNodeEndsTheSessionOnTheOtherAtOnce() {
    String login = newUser(URL1, "logout");
    ApiClient client = new ApiClient().at(URL1);
    client.signIn(login, "cluster password");
    String id = client.sessionId();
    client.at(URL2).get("/api/session/check").expect(204);
    client.at(URL1).delete("/api/session").expect(204);
    ApiClient stale = new ApiClient().at(URL2);
    stale.useSessionId(id);
    assertEquals("not_authenticated", stale.get("/api/session").expect(401).code());
  }

  @Test
  void thePreLoginIdIsRefusedOnEveryNode() {
    String login = newUser(URL1, "rotation");
    ApiClient client = new ApiClient().at(URL1);
    client.signIn(login, "cluster password");
    String before = client.sessionId();
    client.at(URL2).signIn(login, "cluster password");
    for (String url : List.of(URL1, URL2)) {
      ApiClient planted = new ApiClient().at(url);
      planted.useSessionId(before);
      planted.get("/api/session/check").expect(401);
      client.at(url).get("/api/session/check").expect(204);
    }
  }

  @Test
  void revocationOnOneNodeIsSeenByTheNextRequestOnTheOther() {
    String login = newUser(URL1, "revoke");
    ApiClient laptop = new ApiClient().at(URL1);
    laptop.signIn(login, "cluster password");
    ApiClient phone = new ApiClient().at(URL1);
    phone.signIn(login, "cluster password");
    String phoneDevice =
        phone.get("/api/session/devices").jsonValue().asJsonArray().getValuesAs(JsonObject.class).stream()
            .filter(d -> d.getBoolean("current"))
            .findFirst()
            .orElseThrow()
            .getString("id");
    laptop.at(URL2).delete("/api/session/devices/" + phoneDevice).expect(204);
    phone.get("/api/session/check").expect(401);
  }

  @Test
  void anApiKeyRevokedOnOneNodeIsRefusedByTheOtherAtOnce() {
    String login = newUser(URL1, "api-key");
    ApiClient owner = new ApiClient().at(URL1);
    owner.signIn(login, "cluster password");
    String expiry = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    JsonObject created =
        owner.post("/api/me/api-keys", "{\"name\":\"cluster\",\"expires_at\":\"" + expiry + "\"}").expect(201).json();
    UsedSecrets.record("api key", created.getString("key"));
    ApiClient onNode2 = new ApiClient().at(URL2).withApiKey(created.getString("key"));
    onNode2.get("/api/session/check").expect(204); // node 2 has read (and cached) the key
    owner.delete("/api/me/api-keys/" + created.getString("id")).expect(204);
    assertEquals("not_authenticated", onNode2.get("/api/session").expect(401).code());
    new ApiClient().at(URL1).withApiKey(created.getString("key")).get("/api/session/check").expect(401);
  }

  @Test
  void aTwoFactorSignInStartsOnOneNodeAndEndsOnTheOtherAndACodeServesOnce() {
    String login = newUser(URL1, "totp");
    ApiClient enrolling = new ApiClient().at(URL1);
    enrolling.signIn(login, "cluster password");
    String secret = enrolling.post("/api/me/totp", null).expect(200).json().getString("secret");
    UsedSecrets.record("totp secret", secret);
    long step = Instant.now().getEpochSecond() / 30;
    enrolling.put("/api/me/totp", "{\"code\":\"" + TwoFactorIT.totp(secret, step) + "\"}").expect(204);

    // The code of the next step (accepted within the ±1 window), sent to both nodes.
    String code = "{\"code\":\"" + TwoFactorIT.totp(secret, step + 1) + "\",\"remember_device\":false}";
    ApiClient first = new ApiClient().at(URL1);
    assertEquals("pending_totp", first.login(login, "cluster password").expect(200).json().getString("auth_status"));
    ApiClient second = new ApiClient().at(URL2);
    second.login(login, "cluster password").expect(200);
    first.at(URL2).post("/api/session/totp", code).expect(200); // pending on node 1, completed on node 2
    first.at(URL1).get("/api/session/check").expect(204);
    assertEquals("invalid_code", second.at(URL1).post("/api/session/totp", code).expect(401).code());
  }

  @Test
  void anIdentityCheckMadeOnOneNodeLetsASensitiveActionThroughOnTheOther() {
    String login = newUser(URL1, "identity");
    ApiClient client = new ApiClient().at(URL1);
    client.signIn(login, "cluster password"); // the sign-in is the session's first check
    client.post("/api/session/identity", "{\"password\":\"cluster password\"}").expect(204);
    client.at(URL2).delete("/api/session/devices").expect(204);
    assertEquals(
        "invalid_credentials",
        client.at(URL2).post("/api/session/identity", "{\"password\":\"wrong\"}").expect(403).code());
  }

  @Test
  void aPasswordChangeOnOneNodeEndsASessionUsedOnTheOther() {
    String login = newUser(URL1, "password");
    ApiClient changer = new ApiClient().at(URL1);
    changer.signIn(login, "cluster password");
    ApiClient other = new ApiClient().at(URL2);
    other.signIn(login, "cluster password");
    other.get("/api/session/check").expect(204);
    changer.put("/api/me/password", "{\"current_password\":\"cluster password\",\"new_password\":\"another cluster password\"}").expect(204);
    assertEquals("not_authenticated", other.get("/api/session").expect(401).code());
    changer.at(URL2).get("/api/session/check").expect(204);
  }

  @Test
  void deactivationOnOneNodeEndsTheUsersSessionsOnTheOther() {
    String login = newUser(URL1, "deactivate");
    ApiClient user = new ApiClient().at(URL2);
    int uid = user.signIn(login, "cluster password").getInt("uid");
    ApiClient admin = new ApiClient().at(URL1);
    admin.signIn("admin", "admin");
    admin.patch("/api/admin/users/" + uid, "{\"active\":false}").expect(200);
    assertEquals("not_authenticated", user.get("/api/session").expect(401).code());
    assertEquals("invalid_credentials", new ApiClient().at(URL2).login(login, "cluster password").expect(401).code());
  }

  /**
   * 20 threads write 50 keys each into one session, concurrently, half of them through each node;
   * every key is then read back through both nodes.
   */
  @Test
  void concurrentWritesOfDifferentKeysThroughBothNodesLoseNothing() throws Exception {
    String login = newUser(URL1, "concurrent");
    ApiClient owner = new ApiClient().at(URL1);
    owner.signIn(login, "cluster password");
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int thread = 0; thread < 20; thread++) {
        int t = thread;
        writers.add(
            pool.submit(
                () -> {
                  ApiClient writer = new ApiClient().at(t % 2 == 0 ? URL1 : URL2);
                  writer.useSessionId(owner.sessionId());
                  writer.useCsrfToken(owner.csrfToken());
                  for (int key = 0; key < 50; key++) {
                    writer.put("/api/session/data/t" + t + "-k" + key, "{\"value\":" + key + "}").expect(204);
                  }
                }));
      }
      for (Future<?> writer : writers) {
        writer.get();
      }
    } finally {
      pool.shutdownNow();
    }
    for (String url : List.of(URL1, URL2)) {
      JsonObject data = owner.at(url).get("/api/session/data").expect(200).json();
      assertEquals(1000, data.size(), "keys seen on " + url);
      assertEquals(49, data.getInt("t19-k49"));
    }
  }

  /**
   * A browser sends its next request the moment it has an answer. Each answer of a change leaves
   * only once the session is stored (SessionStoreBeforeAnswer); before, the next request could
   * find the session still open on its node, and WildFly emptied a new session it then shared:
   * 8 % of these rounds answered 401 "not signed in" on a 2-node cluster with 4 clients.
   */
  @Test
  void requestsSentTheMomentASignInIsAnsweredFindEverythingItStored() throws Exception {
    int clients = 8;
    int rounds = 15;
    List<String> logins = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      logins.add(newUser(URL1, "at-once"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        String login = logins.get(c);
        int first = c;
        running.add(
            pool.submit(
                () -> {
                  for (int round = 0; round < rounds; round++) {
                    ApiClient client = new ApiClient().at((first + round) % 2 == 0 ? URL1 : URL2);
                    client.signIn(login, "cluster password");
                    client.put("/api/session/companies", "{\"allowed_company_ids\":[2,1]}").expect(200);
                    client.put("/api/session/data/wizard", "{\"value\":{\"step\":" + round + "}}").expect(204);
                    client.put("/api/session/data/note", "{\"value\":\"round " + round + "\"}").expect(204);
                    JsonObject data = client.get("/api/session/data").expect(200).json();
                    assertEquals(round, data.getJsonObject("wizard").getInt("step"));
                    assertEquals("round " + round, data.getString("note"));
                    JsonObject info = client.get("/api/session").expect(200).json();
                    assertEquals(List.of(2, 1), LoginIT.ints(info.getJsonObject("context"), "allowed_company_ids"));
                    client.delete("/api/session").expect(204);
                  }
                  return null;
                }));
      }
      for (Future<?> client : running) {
        client.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void writesAlternatingBetweenNodesAllArrive() {
    String login = newUser(URL1, "alternating");
    ApiClient client = new ApiClient().at(URL1);
    client.signIn(login, "cluster password");
    for (int key = 0; key < 40; key++) {
      client.at(key % 2 == 0 ? URL1 : URL2).put("/api/session/data/k" + key, "{\"value\":" + key + "}").expect(204);
    }
    assertEquals(40, client.at(URL2).get("/api/session/data").json().size());
    assertEquals(40, client.at(URL1).get("/api/session/data").json().size());
  }

  /**
   * A user imported from Odoo keeps the passlib hash Odoo stored; the first good login accepts it
   * and replaces it with Argon2id, which the other node then uses. (Here because this test has
   * the shared database at hand: the import is a plain SQL insert.)
   */
  @Test
  void anImportedOdooHashIsAcceptedAndRehashedToArgon2idAtTheNextLogin() throws Exception {
    // hashlib.pbkdf2_hmac('sha512', b'correct horse battery staple', b'0123456789abcdef', 25000)
    String odooHash =
        "$pbkdf2-sha512$25000$MDEyMzQ1Njc4OWFiY2RlZg$1ghj0T0HZWch00LfnhjXx3er7ZDEEN1BF6pxsBlgz/d07d.Qxz5Kg1Oz9g8VdS6ebiSwisnASzPZrBoVE1c39Q";
    String login = "imported-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    try (java.sql.Connection db =
        java.sql.DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:9124/erp", "sa", "sa")) {
      try (var insert =
          db.prepareStatement(
              "INSERT INTO erp_user (login, name, password_hash, is_admin, active, lang, tz,"
                  + " security_stamp, version) VALUES (?, 'Imported', ?, FALSE, TRUE, 'en_US',"
                  + " 'UTC', 'imported', 0)",
              java.sql.Statement.RETURN_GENERATED_KEYS)) {
        insert.setString(1, login);
        insert.setString(2, odooHash);
        insert.executeUpdate();
        try (var keys = insert.getGeneratedKeys()) {
          keys.next();
          db.createStatement()
              .executeUpdate(
                  "INSERT INTO erp_user_company (user_id, company_id, position) VALUES ("
                      + keys.getInt(1) + ", 1, 0)");
        }
      }
      new ApiClient().at(URL1).signIn(login, "correct horse battery staple");
      try (var select = db.prepareStatement("SELECT password_hash FROM erp_user WHERE login = ?")) {
        select.setString(1, login);
        try (var rows = select.executeQuery()) {
          rows.next();
          assertTrue(rows.getString(1).startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), rows.getString(1));
        }
      }
    }
    new ApiClient().at(URL2).signIn(login, "correct horse battery staple");
  }

  @Test
  void theLoginCooldownCountsFailuresOnEveryNode() {
    String login = newUser(URL1, "cooldown");
    ApiTestBase.sleep(3200); // any failure of another test from this address has cooled down
    for (int i = 0; i < 4; i++) {
      new ApiClient().at(i % 2 == 0 ? URL1 : URL2).login(login, "wrong").expect(401);
    }
    for (String url : List.of(URL1, URL2)) {
      assertEquals("too_many_attempts", new ApiClient().at(url).login(login, "cluster password").expect(429).code());
    }
    ApiTestBase.sleep(3200);
    assertTrue(new ApiClient().at(URL2).login(login, "cluster password").status() == 200);
  }

  /**
   * Attempts are counted before their password is verified, under a row lock in the shared
   * database: fifty at once through both nodes verify at most erp.login.cooldown-after (4 here).
   */
  @Test
  void fiftyConcurrentWrongPasswordsThroughBothNodesAreVerifiedAtMostFourTimes() {
    String login = newUser(URL1, "burst");
    ApiTestBase.sleep(3200); // any failure of another test from this address has cooled down
    java.util.Map<Integer, Long> statuses =
        LoginThrottleIT.concurrently(
            50, i -> new ApiClient().at(i % 2 == 0 ? URL1 : URL2).login(login, "wrong " + i).status());
    assertTrue(statuses.getOrDefault(401, 0L) <= 4, "at most 4 verified: " + statuses);
    assertEquals(50, statuses.getOrDefault(401, 0L) + statuses.getOrDefault(429, 0L), statuses.toString());
    ApiTestBase.sleep(3200);
    new ApiClient().at(URL2).signIn(login, "cluster password");
  }

  /**
   * The cooldown's counters do not pile up: one quiet for longer than the cooldown (3 s here) is
   * deleted by the next minute's sweep, on whichever node runs it first.
   */
  @Test
  void quietLoginCountersAreDeletedByTheSweep() throws Exception {
    String key = "quiet-" + java.util.UUID.randomUUID();
    try (java.sql.Connection db =
        java.sql.DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:9124/erp", "sa", "sa")) {
      try (var insert =
          db.prepareStatement(
              "INSERT INTO erp_login_failure (throttle_key, failures, last_failure_at)"
                  + " VALUES (?, 3, DATEADD(HOUR, -1, CURRENT_TIMESTAMP))")) {
        insert.setString(1, key);
        insert.executeUpdate();
      }
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(130).toNanos();
      boolean present = true;
      while (present && System.nanoTime() < deadline) {
        ApiTestBase.sleep(1000);
        try (var select =
            db.prepareStatement("SELECT COUNT(*) FROM erp_login_failure WHERE throttle_key = ?")) {
          select.setString(1, key);
          try (var rows = select.executeQuery()) {
            rows.next();
            present = rows.getInt(1) > 0;
          }
        }
      }
      assertFalse(present, "a counter quiet for an hour is still there after two sweeps");
    }
  }

  /**
   * Sessions are kept in the database too (configure.cli): while it is away, what a node holds in
   * memory is still served, and a change that cannot be stored (custom data, a sign-in, a company
   * switch, a sign-out) is refused with 503 and nothing changed, rather than acknowledged and lost.
   */
  @Test
  void aDatabaseOutageKeepsSessionsServedAndRefusesWhatCannotBeStoredWith503UntilItReturns()
      throws Exception {
    String login = newUser(URL1, "outage");
    ApiClient client = new ApiClient().at(URL1);
    client.signIn(login, "cluster password");
    client.put("/api/session/data/draft", "{\"value\":{\"step\":1}}").expect(204);
    client.at(URL2).get("/api/session").expect(200);
    ApiClient other = new ApiClient().at(URL1);
    other.signIn(login, "cluster password");
    other.at(URL2).get("/api/session").expect(200);
    String expiry =
        Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    String apiKey =
        client
            .post("/api/me/api-keys", "{\"name\":\"outage\",\"expires_at\":\"" + expiry + "\"}")
            .expect(201)
            .json()
            .getString("key");
    UsedSecrets.record("api key", apiKey);
    for (String url : List.of(URL1, URL2)) {
      // Authenticating a key while the database is away takes the key and its user from the
      // node's second-level cache: the first request records the key's use (due again in a
      // minute), which evicts it on every node; the second puts it back.
      new ApiClient().at(url).withApiKey(apiKey).get("/api/session").expect(200);
    }
    for (String url : List.of(URL1, URL2)) {
      new ApiClient().at(url).withApiKey(apiKey).get("/api/session").expect(200);
    }

    database.stop();
    try {
      // Long enough for the stores to notice (they check every second).
      ApiTestBase.sleep(3000);
      for (String url : List.of(URL1, URL2)) {
        client.at(url);
        assertEquals(login, client.get("/api/session").expect(200).json().getString("login"));
        assertEquals("{\"step\":1}", client.get("/api/session/data/draft").expect(200).json().get("value").toString());
        ApiClient.Response unstored =
            client.put("/api/session/data/step-" + url.substring(url.length() - 4), "{\"value\":2}");
        assertUnavailableForAWhile(unstored);
        // A value the node holds in memory: its overwrite reads nothing from the store, and is
        // refused all the same.
        ApiClient.Response overwritten =
            client.put("/api/session/data/draft", "{\"value\":{\"step\":2}}");
        assertUnavailableForAWhile(overwritten);
        assertUnavailableForAWhile(client.delete("/api/session/data/draft"));
        assertUnavailableForAWhile(client.delete("/api/session/data"));
        // A company switch lives only in the session, whose store writes behind the request: it
        // is refused too, rather than kept in memory where a restart would lose it.
        ApiClient.Response switched =
            client.put("/api/session/companies", "{\"allowed_company_ids\":[2,1]}");
        assertUnavailableForAWhile(switched);
        assertEquals(
            List.of(1, 2),
            LoginIT.ints(
                client.get("/api/session").expect(200).json().getJsonObject("context"),
                "allowed_company_ids"),
            "a refused company switch changed the session");
        // A request with an API key keeps its state for the request only: nothing to store, so
        // its company switch and its sign-out answer as always.
        ApiClient byKey = new ApiClient().at(url).withApiKey(apiKey);
        byKey.put("/api/session/companies", "{\"allowed_company_ids\":[2,1]}").expect(200);
        byKey.delete("/api/session").expect(204);
        ApiClient.Response refused = new ApiClient().at(url).login(login, "cluster password");
        assertUnavailableForAWhile(refused);
        assertTrue(!refused.body().contains("SQL") && !refused.body().contains("jdbc"), refused.body());
      }
      // A sign-out is a change to the store too: it is refused rather than answered 204 and lost
      // (the session cache keeps a session it cannot remove from its store).
      ApiClient leaving = new ApiClient().at(URL2);
      leaving.useSessionId(other.sessionId());
      leaving.useCsrfToken(other.csrfToken());
      ApiClient.Response refusedSignOut = leaving.delete("/api/session");
      assertUnavailableForAWhile(refusedSignOut);
      ApiClient.Response refusedDestroy =
          leaving.post("/web/session/destroy", "{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"params\":{}}");
      assertUnavailableForAWhile(refusedDestroy);
      ApiClient.Response refusedLogout = leaving.get("/web/session/logout?redirect=/web");
      assertUnavailableForAWhile(refusedLogout);
      leaving.get("/api/session").expect(200);
    } finally {
      database = startDatabaseServer();
    }

    // Back by itself: the pool drops its broken connections and opens new ones.
    for (String url : List.of(URL1, URL2)) {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      ApiClient.Response again = new ApiClient().at(url).login(login, "cluster password");
      while (again.status() != 200 && Instant.now().isBefore(deadline)) {
        ApiTestBase.sleep(500);
        again = new ApiClient().at(url).login(login, "cluster password");
      }
      assertEquals(200, again.status(), again.body());
    }
    // Each node's session store checks its database again by itself, and takes changes again
    // once it answers (seen within seconds of the logins; a minute is the bound asked here).
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    ApiClient.Response write = client.at(URL1).put("/api/session/data/after", "{\"value\":3}");
    while (write.status() != 204 && Instant.now().isBefore(deadline)) {
      ApiTestBase.sleep(500);
      write = client.put("/api/session/data/after", "{\"value\":3}");
    }
    assertEquals(204, write.status(), write.body());
    JsonObject data = client.get("/api/session/data").expect(200).json();
    assertEquals(
        Set.of("draft", "after"), data.keySet(), "a refused write or removal changed the keys");
    assertEquals(
        "{\"step\":1}", data.get("draft").toString(), "a refused overwrite or removal was kept");
    client.put("/api/session/companies", "{\"allowed_company_ids\":[2,1]}").expect(200);

    // Signed out once the database is back: gone from memory on every node and from the store,
    // so no restart brings it back. (The kept session's rows show that the query finds rows.)
    ApiClient leaving = new ApiClient().at(URL2);
    leaving.useSessionId(other.sessionId());
    leaving.useCsrfToken(other.csrfToken());
    leaving.delete("/api/session").expect(204);
    assertTrue(storedSessionRows(client.sessionId()) > 0, "the kept session has no rows");
    for (String url : List.of(URL1, URL2)) {
      ApiClient again = new ApiClient().at(url);
      again.useSessionId(other.sessionId());
      ApiClient.Response back = again.get("/api/session");
      assertEquals(401, back.status(), "a signed-out session is still served: " + back.status());
    }
    Instant removedBy = Instant.now().plus(Duration.ofSeconds(30));
    while (storedSessionRows(other.sessionId()) > 0 && Instant.now().isBefore(removedBy)) {
      ApiTestBase.sleep(500);
    }
    assertEquals(
        0, storedSessionRows(other.sessionId()), "a signed-out session is still stored");
  }

  /** Rows of the session store that hold the session with this cookie value (route or not). */
  private static int storedSessionRows(String cookie) throws java.sql.SQLException {
    return storedSessionData(cookie).size();
  }

  /** The stored data of each row that holds the session with this cookie value. */
  private static List<byte[]> storedSessionData(String cookie) throws java.sql.SQLException {
    String id = cookie.contains(".") ? cookie.substring(0, cookie.indexOf('.')) : cookie;
    List<byte[]> data = new ArrayList<>();
    try (java.sql.Connection db =
            java.sql.DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:9124/erp", "sa", "sa");
        var select =
            db.prepareStatement("SELECT data FROM \"erp_session_erp_session_ear\" WHERE id LIKE ?")) {
      // WildFly names a session's rows by the entry's kind (a hexadecimal index) and the id.
      select.setString(1, "%" + id);
      try (var rows = select.executeQuery()) {
        while (rows.next()) {
          data.add(rows.getBytes(1));
        }
      }
    }
    return data;
  }

  @Test
  void aNodeKilledInTheMiddleOfWritesLosesNoAcknowledgedWrite() throws Exception {
    String login = newUser(URL1, "midwrite");
    ApiClient owner = new ApiClient().at(URL1);
    owner.signIn(login, "cluster password");
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    // Four writers at once, as browser tabs of one session: custom data is stored on both owners
    // before each answer, whatever else the session is doing (SessionDataStore).
    int writers = 4;
    int keysEach = 60;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      done.add(
          pool.submit(
              () -> {
                // Like the balancer: the node's address until it fails, then the survivor.
                ApiClient client = new ApiClient().at(URL1);
                client.useSessionId(owner.sessionId());
                client.useCsrfToken(owner.csrfToken());
                for (int i = 0; i < keysEach; i++) {
                  String key = "w" + writer + "-" + i;
                  String value = "{\"value\":{\"writer\":" + writer + ",\"i\":" + i + "}}";
                  Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
                  while (true) {
                    try {
                      ApiClient.Response put = client.put("/api/session/data/" + key, value);
                      if (put.status() == 204) {
                        acknowledged.put(key, "{\"writer\":" + writer + ",\"i\":" + i + "}");
                        break;
                      }
                      assertTrue(
                          put.status() >= 500,
                          "only a dying node may fail a write, but " + client.url() + " answered "
                              + key + " at " + Instant.now() + ": " + put.body());
                    } catch (java.io.UncheckedIOException nodeGone) {
                      client.at(URL2);
                    }
                    assertTrue(Instant.now().isBefore(deadline), "write " + key + " never acknowledged");
                    ApiTestBase.sleep(50);
                  }
                }
                return null;
              }));
    }
    while (acknowledged.size() < writers * keysEach / 3) {
      ApiTestBase.sleep(10);
    }
    crash(NODE1);
    for (Future<?> writer : done) {
      writer.get();
    }
    pool.shutdown();

    JsonObject data = owner.at(URL2).get("/api/session/data").expect(200).json();
    assertEquals(writers * keysEach, acknowledged.size());
    List<String> lost =
        acknowledged.keySet().stream().filter(key -> !data.containsKey(key)).sorted().toList();
    assertEquals(List.of(), lost, "acknowledged writes lost");
    for (Map.Entry<String, String> write : acknowledged.entrySet()) {
      assertEquals(write.getValue(), data.get(write.getKey()).toString());
    }
    assertEquals(acknowledged.keySet(), data.keySet());
  }

  @Test
  void aNodeTrustsTheBalancersForwardedHeaders() {
    // Nodes run standalone-ha-node.xml, as behind the balancer: its X-Forwarded-Proto: https
    // makes the cookie Secure, and X-Forwarded-For is the client address in the device log.
    String login = newUser(URL1, "forwarded");
    ApiClient client = new ApiClient().at(URL1).as("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
    client.forwardedFor("203.0.113.7", "https");
    ApiClient.Response answer = client.login(login, "cluster password").expect(200);
    String cookie = answer.setCookies().get(0);
    assertTrue(cookie.toLowerCase().matches(".*;\\s*secure(;.*|$)"), cookie);
    JsonObject device =
        client.get("/api/session/devices").expect(200).jsonValue().asJsonArray().getJsonObject(0);
    assertEquals("203.0.113.7", device.getString("ip_address"));
  }

  @Test
  void eachNodeSendsClusterMessagesAtOnceWithoutWaitingForAnAcknowledgement() throws Exception {
    // JGroups' TCP leaves Nagle's algorithm on unless told otherwise: a write replicated to the
    // second owner then waited for the delayed ACK of the message before it, 40 ms on Linux
    // (configure.cli). Read from the running channel's transport, not from the configuration.
    for (int managementPort : List.of(9990, 10090)) {
      try (ModelControllerClient management =
          ModelControllerClient.Factory.create("127.0.0.1", managementPort)) {
        ModelNode read = new ModelNode();
        read.get("operation").set("read-attribute");
        read.get("address").add("subsystem", "jgroups").add("channel", "ee").add("protocol", "TCP");
        read.get("name").set("tcp_nodelay");
        ModelNode answer = management.execute(read);
        assertEquals("success", answer.get("outcome").asString(), answer.toString());
        assertTrue(
            answer.get("result").asBoolean(),
            "the node managed on " + managementPort + " sends cluster messages with Nagle's algorithm");
      }
    }
  }

  @Test
  void anIdRotatedOnOneNodeStillWorksOnTheOtherDuringTheGraceThenOnNeither() throws Exception {
    try (ModelControllerClient management1 = ModelControllerClient.Factory.create("127.0.0.1", 9990);
        ModelControllerClient management2 = ModelControllerClient.Factory.create("127.0.0.1", 10090)) {
      List<ServerProperties> nodes =
          List.of(new ServerProperties(management1), new ServerProperties(management2));
      try {
        for (ServerProperties node : nodes) {
          node.set("erp.session.rotation-interval", "PT2S").set("erp.session.rotation-grace", "PT4S");
        }
        String login = newUser(URL1, "rotate");
        ApiClient client = new ApiClient().at(URL1);
        client.signIn(login, "cluster password");
        client.put("/api/session/data/step", "{\"value\":1}").expect(204);
        String replacedId = client.sessionId();
        Thread.sleep(2200);
        client.get("/api/session").expect(200); // rotated on node 1
        String newId = client.sessionId();
        assertNotEquals(replacedId, newId);

        // A known limit of the write-behind store (README, "What survives what"): for the moment
        // node 1's queue needs to delete the replaced session's rows, node 2, which no longer
        // holds it in memory, loads it back from the database (then rotates it again, or finds
        // it half deleted: 401). Sent at once, 3 of 8 repetitions failed that way; 1 s later,
        // none of 8. The other tab comes 1 s after the rotation here.
        Thread.sleep(1000);
        ApiClient otherTab = new ApiClient().at(URL2);
        otherTab.useSessionId(replacedId);
        otherTab.useCsrfToken(client.csrfToken());
        otherTab.put("/api/session/data/step", "{\"value\":2}").expect(204);
        assertEquals(newId, otherTab.sessionId(), "node 2 gives the replaced id the new cookie");

        Thread.sleep(4300); // past the grace
        for (String url : List.of(URL1, URL2)) {
          ApiClient late = new ApiClient().at(url);
          late.useSessionId(replacedId);
          assertEquals("not_authenticated", late.get("/api/session").expect(401).code());
        }
        assertEquals(2, client.at(URL2).get("/api/session/data/step").expect(200).json().getInt("value"));
      } finally {
        nodes.forEach(ServerProperties::restore);
      }
    }
  }
}
