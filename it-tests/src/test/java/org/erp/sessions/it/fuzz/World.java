package org.erp.sessions.it.fuzz;

import static org.erp.sessions.it.ApiTestBase.PASSWORD;
import static org.erp.sessions.it.ApiTestBase.admin;
import static org.erp.sessions.it.ApiTestBase.createUser;
import static org.erp.sessions.it.ApiTestBase.uniqueLogin;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.erp.sessions.it.ApiClient;
import org.erp.sessions.it.fuzz.Input.Body;
import org.erp.sessions.it.fuzz.Input.WhoKind;

/**
 * The principals of one fuzz test class: the victim (a signed-in user whose session must never
 * change), the attacker (another ordinary user), an administrator, and what must never leak.
 */
final class World {

  ApiClient victim;
  String victimLogin;
  String victimName;
  String victimPassword;
  int victimUid;
  String victimDeviceId;
  String rotatedId;
  String loggedOutId;
  List<String> victimMarkers;
  String baseline;

  ApiClient attacker;
  String attackerLogin;
  ApiClient admin;
  int sacrificialUid;

  static World create() {
    World world = new World();
    world.admin = admin();
    String tag = UUID.randomUUID().toString().substring(0, 8);

    world.victimLogin = uniqueLogin("fuzz-victim");
    world.victimName = "Victim " + tag;
    world.victimPassword = "victim-pw-" + UUID.randomUUID();
    world.victimUid =
        world
            .admin
            .post(
                "/api/admin/users",
                "{\"login\":"
                    + ApiClient.quote(world.victimLogin)
                    + ",\"password\":"
                    + ApiClient.quote(world.victimPassword)
                    + ",\"name\":"
                    + ApiClient.quote(world.victimName)
                    + ",\"company_ids\":[1,2],\"lang\":\"en_US\",\"tz\":\"Europe/Brussels\"}")
            .expect(201)
            .json()
            .getInt("uid");

    // The victim signs in twice from one browser: the second login rotates the id, and the
    // first id (the "pre-login" id of the second login) must be dead.
    world.victim = new ApiClient().as("Mozilla/5.0 (X11; Linux x86_64) Victim");
    world.victim.signIn(world.victimLogin, world.victimPassword);
    world.rotatedId = world.victim.sessionId();
    world.victim.signIn(world.victimLogin, world.victimPassword);
    assertNotEquals(world.rotatedId, world.victim.sessionId(), "a new id at login");
    world.victimMarkers =
        List.of("victim-marker-" + UUID.randomUUID(), "victim-marker-" + UUID.randomUUID());
    world
        .victim
        .put(
            "/api/session/data/note",
            "{\"value\":{\"text\":" + ApiClient.quote(world.victimMarkers.get(0)) + "}}")
        .expect(204);
    world
        .victim
        .put(
            "/api/session/data/wizard.step",
            "{\"value\":[3," + ApiClient.quote(world.victimMarkers.get(1)) + "]}")
        .expect(204);
    world.victim.put("/api/session/companies", "{\"allowed_company_ids\":[2,1]}").expect(200);
    JsonArray devices =
        world.victim.get("/api/session/devices").expect(200).jsonValue().asJsonArray();
    world.victimDeviceId =
        devices.getValuesAs(JsonObject.class).stream()
            .filter(d -> d.getBoolean("current"))
            .map(d -> d.getString("id"))
            .findFirst()
            .orElseThrow();

    // Another session of the victim's user, logged out.
    ApiClient other = new ApiClient();
    other.signIn(world.victimLogin, world.victimPassword);
    world.loggedOutId = other.sessionId();
    other.delete("/api/session").expect(204);

    world.attackerLogin = createUser("fuzz-attacker");
    world.attacker = new ApiClient();
    world.attacker.signIn(world.attackerLogin, PASSWORD);
    world.sacrificialUid =
        new ApiClient().signIn(createUser("fuzz-changed"), PASSWORD).getInt("uid");

    world.baseline = world.snapshot();
    assertTrue(world.baseline.contains(world.victimMarkers.get(0)), world.baseline);
    return world;
  }

  /**
   * The victim's session as it must stay: info (without the activity times), data, devices,
   * cookie.
   */
  String snapshot() {
    ApiClient.Response info = victim.get("/api/session");
    if (info.status() != 200) {
      return "GET /api/session answered " + info.status() + " " + info.body();
    }
    JsonObject json = info.json();
    JsonObject session = json.getJsonObject("session");
    JsonObject stable =
        Json.createObjectBuilder(json)
            .add(
                "session",
                Json.createObjectBuilder(session)
                    .remove("last_activity_at")
                    .remove("idle_expires_at"))
            .build();
    ApiClient.Response data = victim.get("/api/session/data");
    ApiClient.Response devices = victim.get("/api/session/devices");
    String deviceIds =
        devices.status() != 200
            ? "devices answered " + devices.status()
            : devices.jsonValue().asJsonArray().getValuesAs(JsonObject.class).stream()
                .map(d -> d.getString("id") + (d.getBoolean("current") ? "*" : ""))
                .sorted()
                .collect(Collectors.joining(","));
    return "cookie="
        + victim.sessionId()
        + " info="
        + stable
        + " data="
        + data.status()
        + " "
        + data.body()
        + " devices="
        + deviceIds;
  }

  void checkVictim(String where, List<String> problems) {
    String now = snapshot();
    if (!now.equals(baseline)) {
      problems.add(
          "the victim's session changed (at "
              + where
              + "): was "
              + Text.show(baseline, 400)
              + " now "
              + Text.show(now, 400));
      baseline = now;
    }
  }

  /** Fills in the ids and tokens of a symbolic input. */
  Request resolve(Endpoint endpoint, Input input) {
    WhoKind kind = input.who().kind();
    if ((kind == WhoKind.ATTACKER || kind == WhoKind.ATTACKER_WITH_JUNK)
        && attacker.sessionId() == null) {
      attacker.signIn(attackerLogin, PASSWORD);
    }
    if (kind == WhoKind.ADMIN && admin.sessionId() == null) {
      admin.signIn("admin", "admin");
    }
    String cookie =
        switch (kind) {
          case ATTACKER -> "session_id=" + attacker.sessionId();
          case ATTACKER_WITH_JUNK ->
              input.who().cookie().startsWith("; ")
                  ? "session_id=" + attacker.sessionId() + input.who().cookie()
                  : input.who().cookie() + "; session_id=" + attacker.sessionId();
          case ADMIN -> "session_id=" + admin.sessionId();
          case NO_COOKIE -> null;
          case FORGED -> "session_id=" + forged(input.who().cookie());
          case GARBAGE -> input.who().cookie();
          case ROTATED -> "session_id=" + rotatedId;
          case LOGGED_OUT -> "session_id=" + loggedOutId;
          case VICTIM -> "session_id=" + victim.sessionId();
        };
    String own =
        switch (kind) {
          case ATTACKER, ATTACKER_WITH_JUNK -> attacker.csrfToken();
          case ADMIN -> admin.csrfToken();
          default -> victim.csrfToken();
        };
    String csrf =
        switch (input.csrf().kind()) {
          case OWN -> own;
          case MISSING -> null;
          case GARBAGE -> input.csrf().text();
          case VICTIMS -> victim.csrfToken();
          case ATTACKERS -> attacker.csrfToken();
          case OWN_MANGLED -> mangle(own, input.csrf().text());
        };
    String path = endpoint.template();
    String value = input.pathValue();
    if (value != null) {
      value = value.replace("@sacrificial", Integer.toString(sacrificialUid));
      path =
          switch (endpoint.param()) {
            case KEY -> path.replace("{key}", value);
            case UID -> path.replace("{uid}", value);
            case DEVICE_ID -> path.replace("{id}", value);
            case CONTEXT_QUERY, REDIRECT_QUERY -> path + value;
            case NONE -> path;
          };
    }
    cookie = Text.headerValue(cookie);
    csrf = Text.headerValue(csrf);
    List<String[]> headers = new ArrayList<>();
    // The fuzz test's name before it was split into one class per area: requests stay as they were.
    headers.add(new String[] {"User-Agent", "FuzzedInputIT"});
    if (cookie != null) {
      headers.add(new String[] {"Cookie", cookie});
    }
    if (csrf != null) {
      headers.add(new String[] {"X-CSRF-Token", csrf});
    }
    if (input.contentType() != null) {
      headers.add(new String[] {"Content-Type", Text.headerValue(input.contentType())});
    }
    if (input.accept() != null) {
      headers.add(new String[] {"Accept", Text.headerValue(input.accept())});
    }
    Body body = input.body();
    return new Request(
        input.method(),
        path,
        headers,
        body == null ? null : body.bytes(),
        body != null && body.chunked(),
        cookie,
        csrf,
        signedIn(kind) ? own : null,
        csrf != null
            && own != null
            && csrf.replaceAll("^[ \\t]+|[ \\t]+$", "").equals(own)
            && signedIn(kind));
  }

  static boolean signedIn(WhoKind kind) {
    return kind == WhoKind.ATTACKER
        || kind == WhoKind.ATTACKER_WITH_JUNK
        || kind == WhoKind.ADMIN;
  }

  private String forged(String generated) {
    if (!generated.startsWith("@victim-mutated:")) {
      return generated;
    }
    String id = victim.sessionId();
    int dot = id.indexOf('.');
    int secretLength = dot < 0 ? id.length() : dot;
    int at = Integer.parseInt(generated.substring("@victim-mutated:".length())) % secretLength;
    char c = id.charAt(at);
    char replacement = c == 'A' ? 'B' : 'A';
    return id.substring(0, at) + replacement + id.substring(at + 1);
  }

  private static String mangle(String token, String op) {
    if (token == null) {
      return "x";
    }
    return switch (op) {
      case "append" -> token + "x";
      case "prepend" -> "x" + token;
      case "truncate" -> token.substring(0, token.length() - 1);
      case "upper" ->
          token.toUpperCase(Locale.ROOT).equals(token)
              ? token.toLowerCase(Locale.ROOT)
              : token.toUpperCase(Locale.ROOT);
      case "flip" -> (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1);
      default -> token.substring(0, 1) + " " + token.substring(1);
    };
  }

  /** Keeps the attacker's and the admin's cookies as a browser would. */
  void afterAnswer(WhoKind kind, Answer answer) {
    ApiClient client =
        kind == WhoKind.ATTACKER || kind == WhoKind.ATTACKER_WITH_JUNK
            ? attacker
            : kind == WhoKind.ADMIN ? admin : null;
    if (client == null || answer == null) {
      return;
    }
    for (String cookie : answer.headers("set-cookie")) {
      if (cookie.startsWith(ApiClient.COOKIE + "=")) {
        String value = cookie.substring(ApiClient.COOKIE.length() + 1).split(";", 2)[0];
        String lower = cookie.toLowerCase(Locale.ROOT);
        // The container also expires an invalidated session's cookie (Expires in 1970).
        boolean cleared =
            value.isEmpty() || lower.contains("max-age=0") || lower.contains("1970");
        client.useSessionId(cleared ? null : value);
      }
    }
    if (answer.status() == 401 && answer.body().contains("not_authenticated")) {
      client.useSessionId(null);
    }
  }

  /** Text that no answer may contain, whoever asked. */
  Map<String, String> secrets() {
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("the victim's session id", secretPart(victim.sessionId()));
    secrets.put("the victim's rotated session id", secretPart(rotatedId));
    secrets.put("the logged-out session id", secretPart(loggedOutId));
    secrets.put("the victim's CSRF token", victim.csrfToken());
    secrets.put("the victim's device id", victimDeviceId);
    secrets.put("the victim's login", victimLogin);
    secrets.put("the victim's name", victimName);
    secrets.put("the victim's password", victimPassword);
    secrets.put("the victim's session data", victimMarkers.get(0));
    secrets.put("the victim's session data (2)", victimMarkers.get(1));
    secrets.put("a test password", PASSWORD);
    if (attacker.sessionId() != null) {
      secrets.put("the attacker's session id", secretPart(attacker.sessionId()));
    }
    if (admin.sessionId() != null) {
      secrets.put("the admin's session id", secretPart(admin.sessionId()));
    }
    return secrets;
  }

  static String secretPart(String sessionId) {
    int dot = sessionId.indexOf('.');
    return dot < 0 ? sessionId : sessionId.substring(0, dot);
  }
}
