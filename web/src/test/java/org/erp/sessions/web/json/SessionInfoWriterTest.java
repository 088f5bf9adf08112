package org.erp.sessions.web.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.erp.sessions.domain.context.RequestContext;
import org.erp.sessions.domain.user.CompanyView;
import org.erp.sessions.web.rest.SessionInfo;
import org.junit.jupiter.api.Test;

/** The hand-written session info is byte for byte what JSON-B wrote for it before. */
class SessionInfoWriterTest {

  private static final Jsonb JSONB = new JsonbSetup().getContext(SessionInfo.class);

  @Test
  void writesWhatJsonbWritesForAFullSessionInfo() {
    SessionInfo info =
        new SessionInfo(
            7,
            "admin",
            "Ad \"Min\" \\ \u00e9\u20ac\n\t\b\f\r\u0001\u001f\u2028 \ud83d\ude00 </x>",
            true,
            new RequestContext("fr_BE", "Europe/Brussels", 7, List.of(3, 1)),
            new SessionInfo.UserCompanies(
                3, List.of(new CompanyView(1, "Main Co"), new CompanyView(3, "Branch </script>"))),
            new SessionInfo.Times(
                Instant.parse("2026-12-05T10:00:00Z"),
                Instant.parse("2026-12-05T10:15:07Z"),
                Instant.parse("2026-12-05T12:15:07Z"),
                Instant.parse("2026-12-12T10:00:00Z")),
            "4f1c2e",
            "19.0-erp");

    assertEquals(JSONB.toJson(info), written(info));
  }

  @Test
  void writesInstantsAsJsonbDoesInEveryForm() {
    for (String instant :
        new String[] {
          "2026-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2026-12-06T09:05:03.250Z",
          "0999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "1970-01-01T00:00:00Z"
        }) {
      Instant value = Instant.parse(instant);
      SessionInfo info =
          new SessionInfo(
              1, "a", "b", false, new RequestContext("en_US", "UTC", 1, List.of(1)),
              new SessionInfo.UserCompanies(1, List.of()),
              new SessionInfo.Times(value, value, null, value), "t", "v");

      assertEquals(JSONB.toJson(info), written(info), instant);
    }
  }

  @Test
  void leavesOutTheFieldsJsonbLeavesOutWhenTheyAreNull() {
    SessionInfo info =
        new SessionInfo(
            2,
            "demo",
            null,
            false,
            new RequestContext(null, null, 2, List.of(1)),
            new SessionInfo.UserCompanies(1, List.of(new CompanyView(1, null))),
            new SessionInfo.Times(Instant.parse("2026-01-01T00:00:00Z"), null, null, null),
            null,
            null);

    assertEquals(JSONB.toJson(info), written(info));
    SessionInfo bare = new SessionInfo(3, null, null, true, null, null, null, null, null);
    assertEquals(JSONB.toJson(bare), written(bare));
    SessionInfo noTimes =
        new SessionInfo(3, "x", null, true, null, new SessionInfo.UserCompanies(2, null),
            new SessionInfo.Times(null, null, null, null), null, null);
    assertEquals(JSONB.toJson(noTimes), written(noTimes));
  }

  @Test
  void leavesTheContainersStreamOpenAndUnflushed() throws IOException {
    AtomicBoolean closed = new AtomicBoolean();
    AtomicBoolean flushed = new AtomicBoolean();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OutputStream stream =
        new OutputStream() {
          @Override
          public void write(int b) {
            bytes.write(b);
          }

          @Override
          public void flush() {
            flushed.set(true);
          }

          @Override
          public void close() {
            closed.set(true);
          }
        };
    SessionInfo info =
        new SessionInfo(
            2, "demo", "Demo", false, new RequestContext("en_US", "UTC", 2, List.of(1)),
            new SessionInfo.UserCompanies(1, List.of()), null, "t", "v");

    new SessionInfoWriter()
        .writeTo(info, SessionInfo.class, SessionInfo.class, null,
            MediaType.APPLICATION_JSON_TYPE, null, stream);

    assertEquals(false, closed.get());
    assertEquals(false, flushed.get(), "a flush makes the container send the answer chunked");
    assertEquals(JSONB.toJson(info), bytes.toString(StandardCharsets.UTF_8));
  }

  private static String written(SessionInfo info) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      new SessionInfoWriter()
          .writeTo(info, SessionInfo.class, SessionInfo.class, null,
              MediaType.APPLICATION_JSON_TYPE, null, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
