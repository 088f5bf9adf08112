package org.erp.sessions.web.odoo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.infrastructure.JsonProcessing;
import org.erp.sessions.web.session.SessionAccess;

/**
 * Odoo's /web/webclient/version_info, which Odoo client libraries (OdooRPC, for one) call before
 * anything else to learn the server's version. Needs no session.
 */
@ApplicationScoped
@Path("webclient")
@Produces(MediaType.APPLICATION_JSON)
public class OdooWebClientResource {

  @Inject private ErpConfig config;

  @POST
  @Path("version_info")
  @Consumes(MediaType.APPLICATION_JSON)
  @SessionAccess(SessionAccess.Mode.NONE)
  public JsonObject versionInfo(InputStream body) {
    String version = config.serverVersion();
    JsonObject result =
        JsonProcessing.createObjectBuilder()
            .add("server_version", version)
            .add("server_version_info", OdooSessionResource.versionInfo(version))
            .add("server_serie", version.replaceAll("^(\\d+\\.\\d+).*$", "$1"))
            .add("protocol_version", 1)
            .build();
    return JsonRpc.result(OdooSessionResource.idOf(body), result);
  }
}
