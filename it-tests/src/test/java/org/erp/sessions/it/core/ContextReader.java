package org.erp.sessions.it.core;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.erp.sessions.api.ErpContext;
import org.erp.sessions.api.ErpSession;

/**
 * An EJB of a module, called in the middle of a request: it sees the request's context and
 * session without being handed them.
 */
@Stateless
public class ContextReader {

  @Inject private ErpContext context;
  @Inject private ErpSession session;

  public String langAndUid() {
    return context.lang() + "/" + session.uid();
  }
}
