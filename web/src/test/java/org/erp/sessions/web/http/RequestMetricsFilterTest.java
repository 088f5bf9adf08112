package org.erp.sessions.web.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.erp.sessions.web.odoo.OdooSessionResource;
import org.erp.sessions.web.rest.SessionDataResource;
import org.erp.sessions.web.rest.SessionResource;
import org.junit.jupiter.api.Test;

class RequestMetricsFilterTest {

  @Test
  void aRouteIsTheTemplateOfApplicationClassAndMethodNeverAValue() throws Exception {
    assertEquals(
        "/api/session/data/{key}",
        RequestMetricsFilter.template(
            "/api/", SessionDataResource.class, method(SessionDataResource.class, "one")));
  }

  @Test
  void aMethodWithoutPathTakesTheClassRoute() throws Exception {
    assertEquals(
        "/api/session",
        RequestMetricsFilter.template("/api/", SessionResource.class, method(SessionResource.class, "info")));
  }

  @Test
  void theOdooApplicationKeepsItsOwnPrefix() {
    Class<OdooSessionResource> odoo = OdooSessionResource.class;
    String route =
        RequestMetricsFilter.template(
            "/web/", odoo, Arrays.stream(odoo.getMethods())
                .filter(m -> m.isAnnotationPresent(Path.class))
                .findFirst()
                .orElseThrow());
    assertTrue(route.startsWith("/web/session/"), route);
  }

  @Test
  void variablePatternsAreDropped() throws Exception {
    assertEquals(
        "/api/things/{id}/parts/{part}",
        RequestMetricsFilter.template("/api", Patterned.class, Patterned.class.getMethod("part")));
  }

  @Path("/things/{id: [0-9]+}")
  static class Patterned {
    @GET
    @Path("parts/{ part : .+ }")
    public String part() {
      return "";
    }
  }

  private static Method method(Class<?> type, String name) {
    return Arrays.stream(type.getMethods())
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no method " + name + " in " + type));
  }
}
