package org.erp.sessions.web.odoo;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Set;
import org.erp.sessions.web.rest.SharedProviders;

/** Odoo's JSON-RPC session routes under /web/session (API.md §8), for existing Odoo clients. */
@ApplicationPath("web/session")
public class OdooApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    Set<Class<?>> classes = new HashSet<>(SharedProviders.CLASSES);
    classes.add(OdooSessionResource.class);
    return classes;
  }
}
