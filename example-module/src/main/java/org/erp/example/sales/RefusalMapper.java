package org.erp.example.sales;

import jakarta.json.Json;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.erp.sessions.domain.error.ErpException;

/**
 * The session service's refusals (not signed in, CSRF, a company not allowed, a session data
 * quota) as the same problem+json the service's own API answers, so a frontend handles both
 * alike.
 */
@Provider
public class RefusalMapper implements ExceptionMapper<ErpException> {

  @Override
  public Response toResponse(ErpException refusal) {
    Response.ResponseBuilder response =
        Response.status(refusal.code().status())
            .type("application/problem+json")
            .entity(
                Json.createObjectBuilder()
                    .add("type", "about:blank")
                    .add("title", refusal.code().title())
                    .add("status", refusal.code().status())
                    .add("code", refusal.code().code())
                    .add("detail", refusal.getMessage())
                    .build());
    refusal.retryAfter().ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER, wait.toSeconds()));
    return response.build();
  }
}
