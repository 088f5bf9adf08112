package org.erp.sessions.web.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The admin endpoints are Jakarta Security's to guard: the role on the class, and no method that
 * loosens it (a method annotation would replace the class's rule, not add to it).
 */
class AdminResourcesAccessTest {

  private static final List<Class<?>> ADMIN_RESOURCES =
      List.of(
          AdminUserResource.class,
          AdminSessionResource.class,
          AdminClusterResource.class,
          AdminOverviewResource.class);

  @Test
  void everyAdminResourceRequiresTheAdminRole() {
    for (Class<?> resource : ADMIN_RESOURCES) {
      RolesAllowed roles = resource.getAnnotation(RolesAllowed.class);
      assertNotNull(roles, resource.getSimpleName());
      assertArrayEquals(new String[] {"admin"}, roles.value(), resource.getSimpleName());
    }
  }

  @Test
  void noMethodOfAnAdminResourceReplacesTheClassesRule() {
    for (Class<?> resource : ADMIN_RESOURCES) {
      for (Method method : resource.getDeclaredMethods()) {
        String name = resource.getSimpleName() + "." + method.getName();
        assertFalse(method.isAnnotationPresent(RolesAllowed.class), name);
        assertFalse(method.isAnnotationPresent(PermitAll.class), name);
        assertFalse(method.isAnnotationPresent(DenyAll.class), name);
      }
    }
  }

  /** The application lists its resources, so a new one that is not listed answers 404. */
  @Test
  void everyAdminResourceIsPartOfTheApplication() {
    var classes = new ApiApplication().getClasses();
    for (Class<?> resource : ADMIN_RESOURCES) {
      assertTrue(classes.contains(resource), resource.getSimpleName());
    }
  }
}
