package org.erp.sessions.web.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class SessionFilterAccessTest {

  @SessionAccess(adminOnly = true)
  static class AdminResource {
    public void plain() {}

    @SessionAccess(countsAsActivity = false)
    public void polled() {}

    @SessionAccess(value = SessionAccess.Mode.REQUIRED, csrfChecked = true)
    public void restated() {}
  }

  static class UserResource {
    public void plain() {}

    @SessionAccess(adminOnly = true)
    public void adminMethod() {}
  }

  @Test
  void aMethodAnnotationNeverDropsTheClassesAdminRule() throws NoSuchMethodException {
    for (String name : new String[] {"plain", "polled", "restated"}) {
      Method method = AdminResource.class.getMethod(name);
      assertTrue(SessionFilter.adminOnly(method, SessionFilter.accessOf(method)), name);
    }
  }

  @Test
  void adminOnlyOnAMethodAloneHoldsForThatMethod() throws NoSuchMethodException {
    Method plain = UserResource.class.getMethod("plain");
    Method admin = UserResource.class.getMethod("adminMethod");
    assertFalse(SessionFilter.adminOnly(plain, SessionFilter.accessOf(plain)));
    assertTrue(SessionFilter.adminOnly(admin, SessionFilter.accessOf(admin)));
  }
}
