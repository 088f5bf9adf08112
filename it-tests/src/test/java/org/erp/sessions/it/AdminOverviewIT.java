package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/admin/overview (API.md §6): its shape, the sign-ins it counts, who may read it. */
class AdminOverviewIT extends ApiTestBase {

  @Test
  void anAdministratorSeesTheMembersWithSessionsAndSixtyMinutesOfSignIns() {
    ApiClient admin = admin();

    Instant asked = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    JsonObject overview = admin.get("/api/admin/overview").expect(200).json();
    Instant answered = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    String node = overview.getString("node");
    JsonArray members = overview.getJsonArray("members");
    List<String> names = members.getValuesAs(JsonObject.class).stream().map(m -> m.getString("name")).toList();
    assertTrue(names.contains(node), "the serving node is a member: " + overview);
    JsonObject self = members.getValuesAs(JsonObject.class).get(names.indexOf(node));
    // This client's own session at least, held by the one node.
    assertTrue(self.getJsonNumber("sessions").longValue() >= 1, overview.toString());

    JsonArray minutes = overview.getJsonArray("logins_per_minute");
    assertEquals(60, minutes.size());
    Instant first = Instant.parse(minutes.getJsonObject(0).getString("minute"));
    Instant last = Instant.parse(minutes.getJsonObject(59).getString("minute"));
    assertEquals(Duration.ofMinutes(59), Duration.between(first, last));
    assertTrue(last.equals(asked) || last.equals(answered), "the current minute is last: " + last);
    for (int i = 0; i < 60; i++) {
      JsonObject minute = minutes.getJsonObject(i);
      assertEquals(first.plus(Duration.ofMinutes(i)).toString(), minute.getString("minute"));
      assertTrue(minute.getInt("count") >= 0);
    }
    // The admin's own sign-in, a moment ago.
    assertTrue(sum(minutes, Instant.now().minusSeconds(60)) >= 1, minutes.toString());
  }

  @Test
  void theSignInsOfTheLastMinutesAreCountedEachOnce() {
    String login = createUser("overview");
    ApiClient admin = admin();
    Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    long before = sum(admin.get("/api/admin/overview").expect(200).json().getJsonArray("logins_per_minute"), start);

    for (int i = 0; i < 3; i++) {
      new ApiClient().signIn(login, PASSWORD);
    }
    new ApiClient().login(login, "wrong password").expect(401);

    JsonArray minutes = admin.get("/api/admin/overview").expect(200).json().getJsonArray("logins_per_minute");
    // Only the three good ones: the tests run one at a time against this server.
    assertEquals(before + 3, sum(minutes, start), minutes.toString());
  }

  @Test
  void aUserWhoIsNotAnAdministratorIsRefused() {
    ApiClient user = new ApiClient();
    user.signIn(createUser("overview-user"), PASSWORD);

    ApiClient.Response answer = user.get("/api/admin/overview");

    assertEquals(403, answer.status(), answer.body());
    assertEquals("forbidden", answer.code());
  }

  @Test
  void withoutASessionTheAnswerIs401() {
    ApiClient.Response answer = new ApiClient().get("/api/admin/overview");

    assertEquals(401, answer.status(), answer.body());
    assertEquals("not_authenticated", answer.code());
  }

  /** The sign-ins counted in the minutes that start at or after the minute of {@code since}. */
  private static long sum(JsonArray minutes, Instant since) {
    Instant from = since.truncatedTo(ChronoUnit.MINUTES);
    return minutes.getValuesAs(JsonObject.class).stream()
        .filter(m -> !Instant.parse(m.getString("minute")).isBefore(from))
        .mapToLong(m -> m.getInt("count"))
        .sum();
  }
}
