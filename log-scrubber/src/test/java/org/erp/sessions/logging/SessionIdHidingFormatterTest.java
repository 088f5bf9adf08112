package org.erp.sessions.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import javax.json.Json;
import javax.json.JsonObject;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.junit.jupiter.api.Test;

class SessionIdHidingFormatterTest {

  private static final String SESSION_ID = "Yx3_kP0-qW9zT2mN7bV5cR8dF1gH4jL6sA0eU2iO";
  private static final String PATTERN = "%-5p [%c] %s%e%n";

  private static ExtLogRecord record(String message, Throwable thrown) {
    ExtLogRecord record = new ExtLogRecord(Level.ERROR, message, "test");
    record.setLoggerName("org.infinispan.interceptors.impl.InvocationContextInterceptor");
    record.setThrown(thrown);
    return record;
  }

  @Test
  void hidesASessionIdInTheTextOfAnAttachedExceptionAndItsCauses() {
    var cause = new IllegalStateException("lock owner " + SESSION_ID + ".node2");
    var timeout =
        new RuntimeException(
            "ISPN000299: Unable to acquire lock after 15 seconds for key SessionMetaDataKey("
                + SESSION_ID
                + ")",
            cause);

    String line = new SessionIdHidingFormatter(PATTERN).format(record("ISPN000136", timeout));

    assertFalse(line.contains(SESSION_ID), line);
    assertTrue(line.contains("SessionMetaDataKey(<id hidden>)"), line);
    assertTrue(line.contains("lock owner <id hidden>.node2"), line);
    assertTrue(line.contains("at org.erp.sessions.logging.SessionIdHidingFormatterTest"), line);
  }

  @Test
  void hidesASessionIdInTheMessage() {
    String line =
        new SessionIdHidingFormatter(PATTERN).format(record("session " + SESSION_ID, null));

    assertEquals(
        "ERROR [org.infinispan.interceptors.impl.InvocationContextInterceptor] session <id hidden>\n",
        line);
  }

  @Test
  void leavesTokensOfOtherLengthsAndOtherAlphabetsAlone() {
    String longer = SESSION_ID + "x";
    String shorter = SESSION_ID.substring(1);
    String message =
        String.join(
            " ",
            longer,
            shorter,
            "s:0123456789abcdef",
            "3f2b8c1e-9d4a-4e7b-8c6f-2a1d5e9b7c3f",
            "org.erp.sessions.web.session.SessionCommitFilter");

    String line = new SessionIdHidingFormatter("%s").format(record(message, null));

    assertEquals(message, line);
  }

  @Test
  void takesItsPatternAsAPropertyAsWildFlyConfiguresIt() {
    var formatter = new SessionIdHidingFormatter();
    formatter.setPattern("%s|");

    assertEquals("<id hidden>|", formatter.format(record(SESSION_ID, null)));
  }

  @Test
  void requestInputInAMessageCannotForgeALogLine() {
    String forged =
        "RESTEASY002142: bad media type text/x\r\n2026-11-27 12:00:00,000 ERROR [audit] fake\u001b[31m";

    String line = new SessionIdHidingFormatter(PATTERN).format(record(forged, null));

    assertEquals(
        "ERROR [org.infinispan.interceptors.impl.InvocationContextInterceptor] RESTEASY002142: bad"
            + " media type text/x\\u000d\n    | 2026-11-27 12:00:00,000 ERROR [audit]"
            + " fake\\u001b[31m\n",
        line);
  }

  @Test
  void anOrdinaryMessageAndItsParametersAreFormattedAsBefore() {
    ExtLogRecord record = record("user {0} at\t{1}", null);
    record.setParameters(new Object[] {"demo", 3});

    assertEquals("user demo at\t3", new SessionIdHidingFormatter("%s").format(record));
  }

  @Test
  void aControlCharacterInTheTextOfAnExceptionIsEscapedToo() {
    var refused = new IllegalArgumentException("Failure parsing MediaType string: \u001f\u0007");

    String line = new SessionIdHidingFormatter("%s%e").format(record("RESTEASY002130", refused));

    assertTrue(line.startsWith("RESTEASY002130: java.lang.IllegalArgumentException: Failure parsing"
        + " MediaType string: \\u001f\\u0007\n\tat "), line);
  }

  @Test
  void anIdRightAfterAnEscapedControlCharacterIsHiddenToo() {
    String message = "bell\u0007" + SESSION_ID + " escape\u001b" + SESSION_ID + ".node1";

    String line = new SessionIdHidingFormatter("%s").format(record(message, null));

    assertEquals("bell\\u0007<id hidden> escape\\u001b<id hidden>.node1", line);
  }

  @Test
  void jsonIsOneObjectPerLineWithTheIdsHiddenEvenInTheException() {
    var thrown = new IllegalStateException("SessionMetaDataKey(" + SESSION_ID + ")");
    String line =
        SessionIdHidingFormatter.ofFormat("json").format(record("session " + SESSION_ID, thrown));

    assertTrue(line.endsWith("}\n"), line);
    assertEquals(line.length() - 1, line.indexOf('\n'), "one line: " + line);
    assertFalse(line.contains(SESSION_ID), line);
    JsonObject object = parse(line);
    assertEquals("session <id hidden>", object.getString("message"));
    assertEquals("ERROR", object.getString("level"));
    assertEquals(
        "org.infinispan.interceptors.impl.InvocationContextInterceptor",
        object.getString("loggerName"));
    assertEquals(
        "SessionMetaDataKey(<id hidden>)", object.getJsonObject("exception").getString("message"));
  }

  @Test
  void jsonKeepsControlCharactersOfRequestInputEscapedInsideTheMessage() {
    String forged = "bad media type text/x\r\n2026-11-27 ERROR fake\u001b[31m\u007f\tend";

    String line = SessionIdHidingFormatter.ofFormat("json").format(record(forged, null));

    assertEquals(line.length() - 1, line.indexOf('\n'), "one line: " + line);
    assertTrue(
        line.chars().limit(line.length() - 1).noneMatch(c -> c < 0x20 || c == 0x7f),
        "no raw control character: " + line);
    assertEquals(forged, parse(line).getString("message"));
  }

  @Test
  void jsonHidesAnIdThatFollowsALineBreakOrAnEscapedCharacter() {
    String message = "first\n" + SESSION_ID + "\t" + SESSION_ID + "\u001b" + SESSION_ID;

    String line = SessionIdHidingFormatter.ofFormat("json").format(record(message, null));

    assertFalse(line.contains(SESSION_ID), line);
    assertEquals(
        "first\n<id hidden>\t<id hidden>\u001b<id hidden>", parse(line).getString("message"));
  }

  @Test
  void theFormatComesFromTheSystemPropertyAndAnUnknownOneIsRefused() {
    String before = System.getProperty(SessionIdHidingFormatter.FORMAT_PROPERTY);
    try {
      System.setProperty(SessionIdHidingFormatter.FORMAT_PROPERTY, "JSON");
      assertTrue(new SessionIdHidingFormatter().format(record("hello", null)).startsWith("{"));
      System.setProperty(SessionIdHidingFormatter.FORMAT_PROPERTY, "text");
      var text = new SessionIdHidingFormatter();
      text.setPattern("%s");
      assertEquals("hello", text.format(record("hello", null)));
      System.setProperty(SessionIdHidingFormatter.FORMAT_PROPERTY, "xml");
      var refused = assertThrows(IllegalArgumentException.class, SessionIdHidingFormatter::new);
      assertTrue(refused.getMessage().contains("ERP_LOG_FORMAT"), refused.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty(SessionIdHidingFormatter.FORMAT_PROPERTY);
      } else {
        System.setProperty(SessionIdHidingFormatter.FORMAT_PROPERTY, before);
      }
    }
  }

  private static JsonObject parse(String line) {
    try (var reader = Json.createReader(new StringReader(line))) {
      return reader.readObject();
    }
  }
}
