package org.erp.sessions.web.odoo;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Set;
import org.erp.sessions.web.rest.SharedProviders;

/**
 * Odoo's JSON-RPC routes under /web (API.md §8): the session routes, and the version route that
 * Odoo client libraries call first, so that existing clients and scripts connect unchanged.
 */
@ApplicationPath("web")
public class OdooApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    Set<Class<?>> classes = new HashSet<>(SharedProviders.CLASSES);
    classes.add(OdooSessionResource.class);
    classes.add(OdooWebClientResource.class);
    return classes;
  }
}
