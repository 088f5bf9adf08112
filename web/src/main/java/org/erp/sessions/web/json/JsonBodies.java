package org.erp.sessions.web.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.infrastructure.JsonProcessing;

/**
 * Reads request bodies: at most 64 KiB of UTF-8 JSON, strictly; one object with known fields of the
 * right JSON types, bound to a record. Answers {@code malformed_json}, or {@code validation_failed}
 * with a detail naming the field; the rules of the values are the records' constraints.
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
    try (JsonReader reader = JsonProcessing.createReader(new StringReader(text))) {
      return reader.readValue();
    } catch (RuntimeException e) {
      // JsonException, and what Parsson throws besides: NumberFormatException for an exponent
      // that does not fit (1e99999999999), a bare RuntimeException past its nesting limit (1000).
      throw new ErpException(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON.");
    }
  }

  /**
   * The body as the record {@code type}: a JSON object whose fields are the record's components
   * in snake_case ({@link #fieldName}), no others, each of its component's JSON type; an absent
   * field is null. The values' rules are the record's Bean Validation constraints, checked by
   * {@link RequestBodies}; a field of the wrong JSON type is refused here, as there is no value of
   * the component's type for a constraint to check.
   */
  public static <T extends Record> T record(InputStream body, Class<T> type) {
    RecordComponent[] components = type.getRecordComponents();
    Set<String> fields = new LinkedHashSet<>();
    for (RecordComponent component : components) {
      fields.add(fieldName(component.getName()));
    }
    JsonObject json = object(body, fields);
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      String field = fieldName(components[i].getName());
      values[i] = json.containsKey(field) ? typed(json.get(field), field, components[i]) : null;
      types[i] = components[i].getType();
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot create " + type.getSimpleName(), e);
    }
  }

  /** The JSON name of a Java name, as JSON-B writes our answers: {@code companyIds} is {@code company_ids}. */
  public static String fieldName(String javaName) {
    StringBuilder name = new StringBuilder(javaName.length() + 4);
    for (char c : javaName.toCharArray()) {
      if (Character.isUpperCase(c)) {
        name.append('_').append(Character.toLowerCase(c));
      } else {
        name.append(c);
      }
    }
    return name.toString();
  }

  /** A present field's value as its component's type; a JSON null is never a string, boolean or list. */
  private static Object typed(JsonValue value, String field, RecordComponent component) {
    Class<?> type = component.getType();
    if (type == JsonValue.class) {
      return value;
    }
    if (type == String.class) {
      if (value instanceof JsonString string) {
        return string.getString();
      }
      throw invalid(field + " must be a string.");
    }
    if (type == Boolean.class) {
      if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
        return value == JsonValue.TRUE;
      }
      throw invalid(field + " must be true or false.");
    }
    if (type == List.class
        && component.getGenericType() instanceof ParameterizedType list
        && list.getActualTypeArguments()[0] == Integer.class) {
      return intList(value, field);
    }
    throw new IllegalStateException("No JSON binding for " + component);
  }

  private static List<Integer> intList(JsonValue value, String field) {
    if (!(value instanceof JsonArray array)) {
      throw invalid(field + " must be an array of integers.");
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
    return List.copyOf(ints);
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
