package org.erp.sessions.web.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.io.StringReader;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erp.sessions.application.session.SessionService;
import org.erp.sessions.domain.data.SessionDataRules;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.infrastructure.JsonProcessing;
import org.erp.sessions.infrastructure.http.CurrentSession;
import org.erp.sessions.web.json.RequestBodies;

/**
 * Custom per-session data (API.md §3): kept in the cluster-wide session data cache only
 * (SessionDataStore), never in the database, gone at logout or expiry.
 */
@ApplicationScoped
@Path("session/data")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Session data")
public class SessionDataResource {

  @Inject private CurrentSession current;
  @Inject private SessionService sessions;
  @Inject private RequestBodies bodies;

  @GET
  @Operation(summary = "All keys and their values, as one JSON object sorted by key")
  public JsonObject all() {
    JsonObjectBuilder object = JsonProcessing.createObjectBuilder();
    sessions.data(current.get()).forEach((key, json) -> object.add(key, parse(json)));
    return object.build();
  }

  @GET
  @Path("{key}")
  @Operation(summary = "One value: {\"key\": ..., \"value\": ...}, or 404 no_such_key")
  public JsonObject one(@PathParam("key") String key) {
    SessionDataRules.checkKey(key);
    String json =
        sessions
            .data(current.get(), key)
            .orElseThrow(
                () -> new ErpException(ErrorCode.NO_SUCH_KEY, "The session has no key '" + key + "'."));
    return JsonProcessing.createObjectBuilder().add("key", key).add("value", parse(json)).build();
  }

  @PUT
  @Path("{key}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Store a value: {\"value\": <any JSON>}",
      description =
          "204. Refusals change nothing: 400 invalid_key, 422 sensitive_key (the key names a"
              + " secret), 413 value_too_large (erp.session.data.max-value-bytes of compact"
              + " JSON), 413 session_data_full (erp.session.data.max-keys keys or"
              + " erp.session.data.max-total-bytes bytes of values per session), 503"
              + " service_unavailable while durable sessions cannot reach their database.")
  public Response put(@PathParam("key") String key, InputStream body) {
    SessionDataRules.checkKey(key);
    if (SessionDataRules.isSensitive(key)) {
      sessions.dataRules().checkWrite(key, "null", Map.of());
    }
    String compact = bodies.read(body, DataValue.class).value().toString();
    sessions.putData(current.get(), key, compact);
    return Response.noContent().build();
  }

  @DELETE
  @Path("{key}")
  @Operation(
      summary = "Remove a key; 204 also when it is absent",
      description =
          "503 service_unavailable, nothing removed, while durable sessions cannot reach their"
              + " database.")
  public Response remove(@PathParam("key") String key) {
    SessionDataRules.checkKey(key);
    sessions.removeData(current.get(), key);
    return Response.noContent().build();
  }

  @DELETE
  @Operation(
      summary = "Remove every key",
      description =
          "503 service_unavailable, nothing removed, while durable sessions cannot reach their"
              + " database.")
  public Response clear() {
    sessions.clearData(current.get());
    return Response.noContent().build();
  }

  private static JsonValue parse(String json) {
    try (JsonReader reader = JsonProcessing.createReader(new StringReader(json))) {
      return reader.readValue();
    }
  }
}
