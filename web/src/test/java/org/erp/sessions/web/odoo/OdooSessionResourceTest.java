package org.erp.sessions.web.odoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OdooSessionResourceTest {

  @Test
  void logoutFollowsOnlyLocalPaths() {
    for (String local :
        new String[] {"/", "/web", "/web?debug=1#menu", "/odoo/action-1", "/%0d%0a"}) {
      assertEquals(local, OdooSessionResource.localPathOrRoot(local));
    }
    for (String foreign :
        new String[] {
          null, "", "web", "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil",
          "http://evil.example/", "https:/evil", "javascript:alert(1)", "/ok\r\nSet-Cookie: x=y",
          " /web"
        }) {
      assertEquals("/", OdooSessionResource.localPathOrRoot(foreign), "redirect for " + foreign);
    }
  }

  @Test
  void versionInfoFollowsOdoosShape() {
    assertEquals("[0,1,0,\"alpha\",0,\"\"]", OdooSessionResource.versionInfo("0.1.0-SNAPSHOT").toString());
    assertEquals("[19,0,2,\"final\",0,\"\"]", OdooSessionResource.versionInfo("19.0.2").toString());
  }
}
