package org.erp.sessions.web.problem;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.web.session.SessionCookies;
import org.jboss.resteasy.spi.Failure;

/**
 * The one place where failures become HTTP answers: RFC 9457 problems with the codes of API.md.
 * No answer carries a stack trace, a class name, a SQL fragment or a session id; unexpected
 * failures are logged with an error id that the answer repeats, so operators can find them.
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
    if (failure instanceof WebApplicationException web) {
      return protocolError(web);
    }
    if (failure instanceof Failure refused && isClientError(statusOf(refused))) {
      // RESTEasy's own refusal of a request it cannot read, e.g. an Accept q value that is no number.
      return protocolResponse(protocolProblem(statusOf(refused))).build();
    }
    if (find(failure, SQLException.class) != null || causedByUnavailableDatabase(failure)) {
      String id = logUnexpected(failure, Level.WARNING);
      return problem(
          ErrorCode.SERVICE_UNAVAILABLE,
          "The database is not available; try again shortly (error id " + id + ").");
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
