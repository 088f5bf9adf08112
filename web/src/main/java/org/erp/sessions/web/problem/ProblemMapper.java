package org.erp.sessions.web.problem;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.infrastructure.SessionStoreReach;
import org.erp.sessions.web.json.JsonBodies;
import org.erp.sessions.web.session.SessionCookies;
import org.jboss.resteasy.api.validation.ResteasyViolationException;
import org.jboss.resteasy.spi.Failure;

/**
 * The one place where failures become HTTP answers: RFC 9457 problems with the codes of API.md.
 * No answer carries a stack trace, a class name, a SQL fragment or a session id; unexpected
 * failures are logged with an error id that the answer repeats, so operators can find them.
 * Bean Validation violations of input (a request body's record, a service's parameters, also when
 * an EJB call wrapped them, and RESTEasy's {@link ResteasyViolationException}) are 400
 * validation_failed naming the fields; RESTEasy's own mapper for them is disabled in web.xml.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

  @Context private HttpServletRequest request;
  @Inject private ErpConfig config;

  @Override
  public Response toResponse(Throwable failure) {
    ErpException refusal = find(failure, ErpException.class);
    if (refusal != null) {
      return refusal(refusal);
    }
    ConstraintViolationException violations = find(failure, ConstraintViolationException.class);
    if (violations != null && isInputViolation(violations)) {
      Problem problem = validationProblem(violations.getConstraintViolations());
      return protocolResponse(problem).build();
    }
    if (failure instanceof WebApplicationException web) {
      return protocolError(web);
    }
    if (failure instanceof Failure refused && isClientError(statusOf(refused))) {
      // RESTEasy's own refusal of a request it cannot read, e.g. an Accept q value that is no number.
      return protocolResponse(protocolProblem(statusOf(refused))).build();
    }
    if (find(failure, SQLException.class) != null || causedByUnavailableDatabase(failure)) {
      String id = logUnexpected(failure, Level.WARNING);
      return unavailable("The database is not available; try again shortly (error id " + id + ").");
    }
    if (causedBySessionStore(failure)) {
      String id = logUnexpected(failure, Level.WARNING);
      return unavailable(
          "The session store cannot take this change now; try again shortly (error id "
              + id
              + ").");
    }
    String id = logUnexpected(failure, Level.SEVERE);
    return problem(ErrorCode.INTERNAL_ERROR, "An internal error occurred (error id " + id + ").");
  }

  private Response refusal(ErpException refusal) {
    Response.ResponseBuilder response = builder(refusal.code(), refusal.getMessage());
    refusal
        .retryAfter()
        .ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER, wait.toSeconds()));
    if (refusal.code() == ErrorCode.NOT_AUTHENTICATED) {
      response.header(
          HttpHeaders.SET_COOKIE, SessionCookies.clearing(config.cookieName(), request.isSecure()));
    }
    return response.build();
  }

  /**
   * A violation by the caller's input: not one of a return value (the server's own mistake), not
   * RESTEasy failing to validate at all.
   */
  private static boolean isInputViolation(ConstraintViolationException violations) {
    if (violations instanceof ResteasyViolationException resteasy
        && (resteasy.getException() != null || !resteasy.getReturnValueViolations().isEmpty())) {
      return false;
    }
    for (ConstraintViolation<?> violation : violations.getConstraintViolations()) {
      for (Path.Node node : violation.getPropertyPath()) {
        if (node.getKind() == ElementKind.RETURN_VALUE) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * 400 validation_failed whose detail names each field with its constraint's message, e.g.
   * "login is required; tz must not contain the NUL character." Never the value: it may be a
   * password.
   */
  static Problem validationProblem(Set<? extends ConstraintViolation<?>> violations) {
    Set<String> parts = new TreeSet<>();
    for (ConstraintViolation<?> violation : violations) {
      String field = fieldOf(violation.getPropertyPath());
      String message = violation.getMessage().replaceAll("\\.$", "");
      parts.add(field == null ? message : field + " " + message);
    }
    String detail =
        parts.isEmpty() ? "The request is not valid." : String.join("; ", parts) + ".";
    return Problem.of(ErrorCode.VALIDATION_FAILED, detail);
  }

  /**
   * The JSON name of the field a violation is about: the record's properties, or else the
   * method's parameter ("create.newUser.companyIds" is company_ids; "updatePreferences.lang" is
   * lang); null for a violation of a whole record.
   */
  static String fieldOf(Path path) {
    List<String> properties = new ArrayList<>();
    String parameter = null;
    for (Path.Node node : path) {
      if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
        properties.add(JsonBodies.fieldName(node.getName()));
      } else if (node.getKind() == ElementKind.PARAMETER) {
        parameter = JsonBodies.fieldName(node.getName());
        properties.clear();
      }
    }
    if (!properties.isEmpty()) {
      return String.join(".", properties);
    }
    return isLeafParameter(path) ? parameter : null;
  }

  private static boolean isLeafParameter(Path path) {
    Path.Node last = null;
    for (Path.Node node : path) {
      last = node;
    }
    return last != null && last.getKind() == ElementKind.PARAMETER;
  }

  private Response protocolError(WebApplicationException web) {
    int status = web.getResponse().getStatus();
    if (!isClientError(status)) {
      String id = logUnexpected(web, Level.SEVERE);
      return problem(ErrorCode.INTERNAL_ERROR, "An internal error occurred (error id " + id + ").");
    }
    Response.ResponseBuilder response = protocolResponse(protocolProblem(status));
    String allow = web.getResponse().getHeaderString(HttpHeaders.ALLOW);
    if (web instanceof NotAllowedException && allow != null) {
      response.header(HttpHeaders.ALLOW, allow);
    }
    return response.build();
  }

  private static Response.ResponseBuilder protocolResponse(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
  }

  private static int statusOf(Failure failure) {
    if (failure.getErrorCode() > 0) {
      return failure.getErrorCode();
    }
    return failure.getResponse() != null ? failure.getResponse().getStatus() : 500;
  }

  private static boolean isClientError(int status) {
    return status >= 400 && status < 500;
  }

  /**
   * The problem for an error status that JAX-RS or the servlet container produced itself (not
   * reached, refused before or around the application): also used by {@link ProblemErrorPage}.
   */
  public static Problem protocolProblem(int status) {
    ErrorCode code =
        switch (status) {
          // Jakarta Security refused the caller the endpoint's role (@RolesAllowed).
          case 403 -> ErrorCode.FORBIDDEN;
          case 404 -> ErrorCode.NOT_FOUND;
          case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
          case 406 -> ErrorCode.NOT_ACCEPTABLE;
          case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
          case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
          default -> isClientError(status) ? ErrorCode.VALIDATION_FAILED : ErrorCode.INTERNAL_ERROR;
        };
    String detail =
        switch (code) {
          case FORBIDDEN -> "Only administrators may do this.";
          case NOT_FOUND -> "There is nothing at this path.";
          case METHOD_NOT_ALLOWED -> "This path does not answer this HTTP method.";
          case NOT_ACCEPTABLE -> "This endpoint answers application/json only.";
          case PAYLOAD_TOO_LARGE -> "The request body is too large.";
          case UNSUPPORTED_MEDIA_TYPE -> "Send the request body as application/json.";
          case VALIDATION_FAILED -> "The request is not valid.";
          default -> "An internal error occurred.";
        };
    return Problem.of(code, detail);
  }

  /** The database or the session store away: a 503 that says when to try again (API.md §9). */
  private static Response unavailable(String detail) {
    return builder(ErrorCode.SERVICE_UNAVAILABLE, detail)
        .header(HttpHeaders.RETRY_AFTER, SessionStoreReach.RETRY_AFTER.toSeconds())
        .build();
  }

  private static Response problem(ErrorCode code, String detail) {
    return builder(code, detail).build();
  }

  private static Response.ResponseBuilder builder(ErrorCode code, String detail) {
    return Response.status(code.status())
        .type(Problem.MEDIA_TYPE)
        .entity(Problem.of(code, detail));
  }

  private static String logUnexpected(Throwable failure, Level level) {
    String id = UUID.randomUUID().toString();
    LOG.log(level, "Request failed, error id " + id, failure);
    return id;
  }

  private static boolean causedByUnavailableDatabase(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String name = t.getClass().getName();
      if (name.endsWith("JDBCConnectionException") || name.endsWith("ResourceException")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Infinispan, the session store, refused the operation: its database is away (durable
   * sessions), a lock was not granted in time, or the owner of the entry failed it (whose own
   * cause may not even be readable here, e.g. a JDBC driver's exception). Nothing was changed.
   */
  private static boolean causedBySessionStore(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getClass().getName().startsWith("org.infinispan.")) {
        return true;
      }
    }
    return false;
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
