package org.erp.sessions.web.json;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;

/**
 * Reads request bodies: at most 64 KiB of UTF-8 JSON, one object, with typed field access that
 * answers {@code malformed_json} or {@code validation_failed} with a detail naming the field.
 */
public final class JsonBodies {

  private JsonBodies() {}

  /** The body as a JSON object with only the allowed field names. */
  public static JsonObject object(InputStream body, Set<String> allowedFields) {
    JsonValue value = value(body);
    if (!(value instanceof JsonObject object)) {
      throw invalid("The request body must be a JSON object.");
    }
    Set<String> unknown = new TreeSet<>(object.keySet());
    unknown.removeAll(allowedFields);
    if (!unknown.isEmpty()) {
      throw invalid(
          "Unknown field(s) " + String.join(", ", unknown) + "; expected any of "
              + String.join(", ", new TreeSet<>(allowedFields)) + ".");
    }
    return object;
  }

  /** The body as any JSON value. */
  public static JsonValue value(InputStream body) {
    String text = readUtf8(body);
    if (text.isBlank()) {
      throw new ErpException(ErrorCode.MALFORMED_JSON, "The request body is empty.");
    }
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readValue();
    } catch (RuntimeException e) {
      // JsonException, and what Parsson throws besides: NumberFormatException for an exponent
      // that does not fit (1e99999999999), a bare RuntimeException past its nesting limit (1000).
      throw new ErpException(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON.");
    }
  }

  public static String requiredString(JsonObject object, String field) {
    JsonValue value = object.get(field);
    if (!(value instanceof JsonString string) || string.getString().isBlank()) {
      throw invalid(field + " is required and must be a non-empty string.");
    }
    // PostgreSQL text cannot hold U+0000: refused here, not as a database error.
    if (string.getString().indexOf('\u0000') >= 0) {
      throw invalid(field + " must not contain the NUL character.");
    }
    return string.getString();
  }

  /** The string, or null when the field is absent. */
  public static String optionalString(JsonObject object, String field) {
    if (!object.containsKey(field)) {
      return null;
    }
    return requiredString(object, field);
  }

  /** The boolean, or null when the field is absent. */
  public static Boolean optionalBoolean(JsonObject object, String field) {
    JsonValue value = object.get(field);
    if (value == null) {
      return null;
    }
    if (value == JsonValue.TRUE) {
      return true;
    }
    if (value == JsonValue.FALSE) {
      return false;
    }
    throw invalid(field + " must be true or false.");
  }

  public static List<Integer> requiredIntList(JsonObject object, String field) {
    JsonValue value = object.get(field);
    if (!(value instanceof JsonArray array)) {
      throw invalid(field + " is required and must be an array of integers.");
    }
    List<Integer> ints = new ArrayList<>(array.size());
    for (JsonValue item : array) {
      if (!(item instanceof JsonNumber number) || !number.isIntegral()) {
        throw invalid(field + " must contain integers only.");
      }
      try {
        ints.add(number.intValueExact());
      } catch (ArithmeticException e) {
        throw invalid(field + " contains an integer out of range.");
      }
    }
    return ints;
  }

  /** The list, or null when the field is absent. */
  public static List<Integer> optionalIntList(JsonObject object, String field) {
    return object.containsKey(field) ? requiredIntList(object, field) : null;
  }

  private static String readUtf8(InputStream body) {
    if (body == null) {
      return "";
    }
    try {
      byte[] bytes = body.readNBytes(ErpConfig.MAX_BODY_BYTES + 1);
      if (bytes.length > ErpConfig.MAX_BODY_BYTES) {
        throw new ErpException(
            ErrorCode.PAYLOAD_TOO_LARGE,
            "A request body may have at most " + ErpConfig.MAX_BODY_BYTES + " bytes.");
      }
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ErpException(ErrorCode.MALFORMED_JSON, "The request body is not valid UTF-8.");
    } catch (IOException e) {
      throw new ErpException(ErrorCode.MALFORMED_JSON, "The request body could not be read.");
    }
  }

  private static ErpException invalid(String detail) {
    return new ErpException(ErrorCode.VALIDATION_FAILED, detail);
  }
}
