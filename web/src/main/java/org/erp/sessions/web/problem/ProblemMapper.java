package org.erp.sessions.web.problem;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
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
    if (web instanceof NotFoundException) {
      return problem(ErrorCode.NOT_FOUND, "There is nothing at this path.");
    }
    if (web instanceof NotAllowedException notAllowed) {
      Response.ResponseBuilder response =
          builder(ErrorCode.METHOD_NOT_ALLOWED, "This path does not answer this HTTP method.");
      String allow = notAllowed.getResponse().getHeaderString(HttpHeaders.ALLOW);
      if (allow != null) {
        response.header(HttpHeaders.ALLOW, allow);
      }
      return response.build();
    }
    if (web instanceof NotSupportedException) {
      return problem(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the request body as application/json.");
    }
    if (web instanceof NotAcceptableException) {
      return problem(ErrorCode.NOT_ACCEPTABLE, "This endpoint answers application/json only.");
    }
    int status = web.getResponse().getStatus();
    if (status == 413) {
      return problem(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large.");
    }
    if (status >= 400 && status < 500) {
      return problem(ErrorCode.VALIDATION_FAILED, "The request is not valid.");
    }
    String id = logUnexpected(web, Level.SEVERE);
    return problem(ErrorCode.INTERNAL_ERROR, "An internal error occurred (error id " + id + ").");
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
