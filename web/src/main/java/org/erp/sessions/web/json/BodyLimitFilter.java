package org.erp.sessions.web.json;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;

/**
 * Refuses a declared body over 64 KiB before anything reads it. Bodies without a length
 * (chunked) are cut at the same size by {@link JsonBodies}.
 */
@Provider
@PreMatching
public class BodyLimitFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext context) {
    if (context.getLength() > ErpConfig.MAX_BODY_BYTES) {
      throw new ErpException(
          ErrorCode.PAYLOAD_TOO_LARGE,
          "A request body may have at most " + ErpConfig.MAX_BODY_BYTES + " bytes.");
    }
  }
}
