package org.erp.sessions.web.json;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.erp.sessions.domain.context.RequestContext;
import org.erp.sessions.domain.user.CompanyView;
import org.erp.sessions.web.rest.SessionInfo;

/**
 * The session info, the answer of every {@code GET /api/session}, written as text in one go:
 * JSON-B's reflective serialisation of it, and a JSON-P generator after it (its writer and its
 * ISO-8601 formatter), were each about a tenth of a read's CPU in JFR profiles (bench/README.md,
 * the read path). The output is byte for byte what JSON-B gives the record (snake_case names in
 * lexicographic order, null fields left out, instants in ISO-8601 UTC, strings escaped as
 * Parsson escapes them); SessionInfoWriterTest holds the two together, so a field added to the
 * record and not here fails a test.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class SessionInfoWriter implements MessageBodyWriter<SessionInfo> {

  @Override
  public boolean isWriteable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == SessionInfo.class;
  }

  @Override
  public void writeTo(
      SessionInfo info,
      Class<?> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, Object> httpHeaders,
      OutputStream entityStream)
      throws IOException {
    // One write, no flush: the container sends an answer whole in its buffer with a
    // Content-Length (a flush would make it chunked), and closes the stream itself.
    entityStream.write(json(info).getBytes(StandardCharsets.UTF_8));
  }

  /** The session info as one JSON object, in JSON-B's order of fields. */
  static String json(SessionInfo info) {
    StringBuilder json = new StringBuilder(640).append('{');
    RequestContext context = info.context();
    if (context != null) {
      json.append("\"context\":{\"allowed_company_ids\":[");
      appendInts(json, context.allowedCompanyIds());
      json.append(']');
      field(json, "lang", context.lang());
      field(json, "tz", context.tz());
      json.append(",\"uid\":").append(context.uid()).append("},");
    }
    if (info.csrfToken() != null) {
      json.append("\"csrf_token\":");
      string(json, info.csrfToken()).append(',');
    }
    json.append("\"is_admin\":").append(info.isAdmin());
    field(json, "login", info.login());
    field(json, "name", info.name());
    field(json, "server_version", info.serverVersion());
    SessionInfo.Times times = info.session();
    if (times != null) {
      json.append(",\"session\":{");
      int start = json.length();
      field(json, "absolute_expires_at", times.absoluteExpiresAt());
      field(json, "created_at", times.createdAt());
      field(json, "idle_expires_at", times.idleExpiresAt());
      field(json, "last_activity_at", times.lastActivityAt());
      if (json.length() > start) {
        json.deleteCharAt(start); // the first field's comma
      }
      json.append('}');
    }
    json.append(",\"uid\":").append(info.uid());
    SessionInfo.UserCompanies companies = info.userCompanies();
    if (companies != null) {
      json.append(",\"user_companies\":{");
      if (companies.allowedCompanies() != null) {
        json.append("\"allowed_companies\":[");
        String separator = "";
        for (CompanyView company : companies.allowedCompanies()) {
          json.append(separator).append("{\"id\":").append(company.id());
          field(json, "name", company.name());
          json.append('}');
          separator = ",";
        }
        json.append("],");
      }
      json.append("\"current_company\":").append(companies.currentCompany()).append('}');
    }
    return json.append('}').toString();
  }

  private static void appendInts(StringBuilder json, Iterable<Integer> values) {
    String separator = "";
    for (int value : values) {
      json.append(separator).append(value);
      separator = ",";
    }
  }

  /** A comma and the named string, or nothing for null (as JSON-B leaves null fields out). */
  private static void field(StringBuilder json, String name, String value) {
    if (value != null) {
      json.append(",\"").append(name).append("\":");
      string(json, value);
    }
  }

  private static void field(StringBuilder json, String name, Instant value) {
    if (value != null) {
      json.append(",\"").append(name).append("\":\"");
      instant(json, value).append('"');
    }
  }

  /** A JSON string, escaped as Parsson escapes it: quote, backslash and control characters. */
  private static StringBuilder string(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"');
  }

  /**
   * ISO-8601 in UTC as {@link Instant#toString} writes it; by hand for the whole seconds of years
   * 1000 to 9999 (every session's times), where its formatter was most of the writer's CPU.
   */
  private static StringBuilder instant(StringBuilder json, Instant value) {
    LocalDateTime time = LocalDateTime.ofEpochSecond(value.getEpochSecond(), 0, ZoneOffset.UTC);
    if (value.getNano() != 0 || time.getYear() < 1000 || time.getYear() > 9999) {
      return json.append(value);
    }
    json.append(time.getYear()).append('-');
    twoDigits(json, time.getMonthValue()).append('-');
    twoDigits(json, time.getDayOfMonth()).append('T');
    twoDigits(json, time.getHour()).append(':');
    twoDigits(json, time.getMinute()).append(':');
    return twoDigits(json, time.getSecond()).append('Z');
  }

  private static StringBuilder twoDigits(StringBuilder json, int value) {
    return json.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}
