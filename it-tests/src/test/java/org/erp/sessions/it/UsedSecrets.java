package org.erp.sessions.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;

/**
 * Every session id, CSRF token and password the tests send or receive, appended to one file per
 * build (target/used-secrets.txt), so that {@link ServerLogScanIT} can look for each in the server
 * logs afterwards.
 */
final class UsedSecrets {

  static final Path FILE =
      Path.of(System.getProperty("erp.used-secrets", "target/used-secrets.txt"));

  private static final Set<String> PASSWORD_FIELDS =
      Set.of("password", "current_password", "new_password");

  private UsedSecrets() {}

  static synchronized void record(String kind, String secret) {
    if (secret == null || secret.isEmpty() || secret.contains("\n")) {
      return;
    }
    try {
      Files.createDirectories(FILE.toAbsolutePath().getParent());
      Files.writeString(
          FILE,
          kind + "\t" + secret + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The passwords in a request body (login, password change, user creation, JSON-RPC params). */
  static void recordPasswordsIn(String body) {
    if (body == null || !body.contains("password")) {
      return;
    }
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      recordPasswordsIn(reader.readValue());
    } catch (RuntimeException notJson) {
      // Malformed bodies are sent on purpose; they hold no password the server could log.
    }
  }

  private static void recordPasswordsIn(JsonValue value) {
    if (value instanceof JsonObject object) {
      object.forEach(
          (name, field) -> {
            if (PASSWORD_FIELDS.contains(name) && field instanceof JsonString text) {
              record("password", text.getString());
            } else {
              recordPasswordsIn(field);
            }
          });
    }
  }

  /** kind, secret pairs, as recorded. */
  static List<String[]> all() throws IOException {
    if (!Files.exists(FILE)) {
      return List.of();
    }
    return Files.readAllLines(FILE, StandardCharsets.UTF_8).stream()
        .map(line -> line.split("\t", 2))
        .filter(parts -> parts.length == 2)
        .toList();
  }
}
