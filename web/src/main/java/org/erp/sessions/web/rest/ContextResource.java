package org.erp.sessions.web.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.erp.sessions.application.ContextService;
import org.erp.sessions.application.session.ActiveSession;
import org.erp.sessions.domain.context.RequestContext;
import org.erp.sessions.infrastructure.http.CurrentSession;

/** The context a request runs with (API.md §2). */
@ApplicationScoped
@Path("context")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Context")
public class ContextResource {

  @Inject private CurrentSession current;
  @Inject private ContextService contexts;

  @GET
  @Operation(
      summary = "The context of this request",
      description =
          "Built from the user's stored preferences and the session's active companies; lang"
              + " and tz override them for this request only, and are never stored. 400"
              + " invalid_lang for a language not in erp.languages, 400 invalid_tz for anything"
              + " but an IANA zone id.")
  public RequestContext context(@QueryParam("lang") String lang, @QueryParam("tz") String tz) {
    ActiveSession valid = current.get();
    return contexts.build(valid.user(), valid.state().activeCompanyIds(), lang, tz);
  }
}
