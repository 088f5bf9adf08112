package org.erp.sessions.web.odoo;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.erp.sessions.infrastructure.JsonProcessing;

/**
 * The JSON-RPC 2.0 envelope as Odoo speaks it: {@code result} or {@code error}, always with HTTP
 * status 200, errors shaped like Odoo's ({@code code} 200 for server errors, 100 for an expired
 * session, {@code data.name} the Python exception's name).
 */
final class JsonRpc {

  static final int SERVER_ERROR = 200;
  static final int SESSION_EXPIRED = 100;

  private JsonRpc() {}

  static JsonObject result(JsonValue id, JsonValue result) {
    return envelope(id).add("result", result).build();
  }

  static JsonObject accessDenied(JsonValue id, String message) {
    return error(id, SERVER_ERROR, "Odoo Server Error", "odoo.exceptions.AccessDenied", message);
  }

  static JsonObject sessionExpired(JsonValue id) {
    return error(
        id,
        SESSION_EXPIRED,
        "Odoo Session Expired",
        "odoo.http.SessionExpiredException",
        "Session expired");
  }

  static JsonObject badRequest(JsonValue id, String message) {
    return error(id, SERVER_ERROR, "Odoo Server Error", "werkzeug.exceptions.BadRequest", message);
  }

  static JsonObject userError(JsonValue id, String message) {
    return error(id, SERVER_ERROR, "Odoo Server Error", "odoo.exceptions.UserError", message);
  }

  private static JsonObject error(
      JsonValue id, int code, String message, String name, String detail) {
    JsonObject data =
        JsonProcessing.createObjectBuilder()
            .add("name", name)
            .add("debug", "")
            .add("message", detail)
            .add("arguments", JsonProcessing.createArrayBuilder().add(detail))
            .add("context", JsonValue.EMPTY_JSON_OBJECT)
            .build();
    return envelope(id)
        .add(
            "error",
            JsonProcessing.createObjectBuilder().add("code", code).add("message", message).add("data", data))
        .build();
  }

  private static JsonObjectBuilder envelope(JsonValue id) {
    return JsonProcessing.createObjectBuilder().add("jsonrpc", "2.0").add("id", id == null ? JsonValue.NULL : id);
  }
}
