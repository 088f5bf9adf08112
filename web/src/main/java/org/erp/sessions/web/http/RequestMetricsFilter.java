package org.erp.sessions.web.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.erp.sessions.infrastructure.metrics.ErpMetrics;

/**
 * Times every request of the JAX-RS applications for {@code erp_http_requests_seconds}, tagged
 * with the route's template ({@code /api/session/data/{key}}), never the path the client sent:
 * a path holds keys and ids, and would make one time series per value.
 */
@Provider
@PreMatching
public class RequestMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {

  /** Requests that matched no resource method (404, 405 before matching). */
  static final String UNMATCHED = "unmatched";

  private static final String STARTED_AT = RequestMetricsFilter.class.getName() + ".startedAt";
  private static final Map<Method, String> TEMPLATES = new ConcurrentHashMap<>();

  @Context private ResourceInfo resource;
  @Inject private ErpMetrics metrics;

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(STARTED_AT, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(request.getProperty(STARTED_AT) instanceof Long startedAt)) {
      return;
    }
    Method method = resource == null ? null : resource.getResourceMethod();
    String route =
        method == null
            ? UNMATCHED
            : TEMPLATES.computeIfAbsent(
                method,
                m -> template(request.getUriInfo().getBaseUri().getPath(), resource.getResourceClass(), m));
    metrics.request(request.getMethod(), route, response.getStatus(), System.nanoTime() - startedAt);
  }

  /** The application's path, the class's and the method's {@code @Path}, variables without their patterns. */
  static String template(String applicationPath, Class<?> resourceClass, Method method) {
    StringBuilder route = new StringBuilder();
    append(route, applicationPath);
    Path onClass = resourceClass.getAnnotation(Path.class);
    if (onClass != null) {
      append(route, onClass.value());
    }
    Path onMethod = method.getAnnotation(Path.class);
    if (onMethod != null) {
      append(route, onMethod.value());
    }
    String template = route.toString().replaceAll("\\{\\s*([A-Za-z0-9_.-]+)\\s*:[^}]*}", "{$1}");
    return template.isEmpty() ? "/" : template;
  }

  private static void append(StringBuilder route, String segment) {
    for (String part : segment.split("/")) {
      if (!part.isEmpty()) {
        route.append('/').append(part);
      }
    }
  }
}
