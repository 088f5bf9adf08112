package org.erp.sessions.infrastructure;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.Reader;

/**
 * JSON-P with its provider looked up once: use these instead of {@code jakarta.json.Json}'s, whose
 * every call looks the provider up again through a {@code ServiceLoader} scan of the deployment's
 * modules (about a tenth of a login's CPU in a JFR profile: bench/README.md). A provider is safe
 * for concurrent use.
 */
public final class JsonProcessing {

  private static final JsonProvider PROVIDER = JsonProvider.provider();

  private JsonProcessing() {}

  public static JsonReader createReader(Reader reader) {
    return PROVIDER.createReader(reader);
  }

  public static JsonObjectBuilder createObjectBuilder() {
    return PROVIDER.createObjectBuilder();
  }

  public static JsonArrayBuilder createArrayBuilder() {
    return PROVIDER.createArrayBuilder();
  }
}
