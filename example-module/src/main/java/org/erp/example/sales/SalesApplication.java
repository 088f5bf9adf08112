package org.erp.example.sales;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The module's REST API, under /sales/api. */
@ApplicationPath("api")
public class SalesApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(OrderWizardResource.class, RefusalMapper.class);
  }
}
