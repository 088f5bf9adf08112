package org.erp.example.sales;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.erp.sessions.api.ErpContext;
import org.erp.sessions.api.ErpSession;
import org.erp.sessions.api.SignedIn;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;

/**
 * A three-step sales-order wizard: choose the customer and the company, add lines, confirm. Its
 * progress lives in the session (one key, {@link #WIZARD}), so it survives a node and is gone
 * when the user signs out; the order itself would go to the database at confirmation.
 *
 * <p>{@link SignedIn}: every call needs a valid session, and POST/DELETE its CSRF token.
 */
@Path("wizard")
@RequestScoped
@SignedIn
@Produces(MediaType.APPLICATION_JSON)
public class OrderWizardResource {

  /** The session key: prefixed with the module's name, so modules never collide. */
  static final String WIZARD = "sales.order_wizard";

  @Inject private ErpSession session;
  @Inject private ErpContext context;
  @Inject private SecurityContext security;

  /** The wizard under way ({@code step} 0 when none), and who is calling. */
  @GET
  public JsonObject show() {
    JsonObject wizard = session.get(WIZARD).map(JsonValue::asJsonObject).orElse(notStarted());
    return Json.createObjectBuilder(wizard).add("caller", caller()).build();
  }

  /** Step 1: {@code {"customer": "...", "company_id": 2}}; the company defaults to the current one. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response start(JsonObject body) {
    String customer = requiredText(body, "customer");
    int companyId =
        body.get("company_id") instanceof JsonNumber number
            ? number.intValue()
            : session.currentCompanyId();
    if (!session.allowedCompanyIds().contains(companyId)) {
      throw new ErpException(
          ErrorCode.COMPANY_NOT_ALLOWED,
          "Company " + companyId + " is not active in your session; switch to it first.");
    }
    JsonObject wizard =
        Json.createObjectBuilder()
            .add("step", 1)
            .add("customer", customer)
            .add("company_id", companyId)
            .add("lines", JsonValue.EMPTY_JSON_ARRAY)
            .build();
    session.put(WIZARD, wizard);
    return Response.status(Response.Status.CREATED).entity(wizard).build();
  }

  /** Step 2, as often as needed: {@code {"product": "...", "quantity": 3}}. */
  @POST
  @Path("lines")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonObject addLine(JsonObject body) {
    JsonObject wizard = underWay();
    String product = requiredText(body, "product");
    if (!(body.get("quantity") instanceof JsonNumber quantity) || quantity.intValue() < 1) {
      throw new ErpException(ErrorCode.VALIDATION_FAILED, "quantity must be a positive integer.");
    }
    JsonArrayBuilder lines = Json.createArrayBuilder(wizard.getJsonArray("lines"));
    lines.add(Json.createObjectBuilder().add("product", product).add("quantity", quantity.intValue()));
    JsonObject next = Json.createObjectBuilder(wizard).add("step", 2).add("lines", lines).build();
    session.put(WIZARD, next);
    return next;
  }

  /**
   * Step 3: the order, confirmed by the caller, and the wizard gone from the session. {@code
   * ?lang=fr_FR} prints the confirmation in another language for this call only (Odoo's {@code
   * with_context}): the user's language stays as it is.
   */
  @POST
  @Path("confirm")
  public JsonObject confirm(@QueryParam("lang") String lang) {
    JsonObject wizard = underWay();
    if (wizard.getJsonArray("lines").isEmpty()) {
      throw new ErpException(ErrorCode.VALIDATION_FAILED, "Add at least one line first.");
    }
    ErpContext printing = lang == null ? context : context.withLang(lang);
    session.remove(WIZARD);
    return Json.createObjectBuilder()
        .add("customer", wizard.getString("customer"))
        .add("company_id", wizard.getInt("company_id"))
        .add("lines", wizard.getJsonArray("lines"))
        .add("confirmed_by", session.uid())
        .add("lang", printing.lang())
        .add("tz", printing.tz())
        .build();
  }

  /** Abandons the wizard; 204 also when none is under way. */
  @DELETE
  public Response cancel() {
    session.remove(WIZARD);
    return Response.noContent().build();
  }

  private JsonObject caller() {
    JsonArrayBuilder companies = Json.createArrayBuilder();
    context.allowedCompanyIds().forEach(companies::add);
    JsonObjectBuilder caller =
        Json.createObjectBuilder()
            .add("uid", session.uid())
            .add("login", session.login())
            .add("current_company_id", session.currentCompanyId())
            .add("allowed_company_ids", companies)
            .add("lang", context.lang())
            .add("tz", context.tz())
            // The container knows the caller too: the login, and the roles user and admin.
            .add("principal", security.getCallerPrincipal().getName())
            .add("admin", security.isCallerInRole("admin"));
    return caller.build();
  }

  private JsonObject underWay() {
    return session
        .get(WIZARD)
        .map(JsonValue::asJsonObject)
        .orElseThrow(
            () -> new ErpException(ErrorCode.NOT_FOUND, "No order wizard under way: start one first."));
  }

  private static JsonObject notStarted() {
    return Json.createObjectBuilder().add("step", 0).build();
  }

  private static String requiredText(JsonObject body, String field) {
    if (body == null || !(body.get(field) instanceof JsonString text) || text.getString().isBlank()) {
      throw new ErpException(ErrorCode.VALIDATION_FAILED, field + " is required (a non-empty string).");
    }
    return text.getString().strip();
  }
}
