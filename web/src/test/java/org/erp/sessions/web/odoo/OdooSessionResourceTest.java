package org.erp.sessions.web.odoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OdooSessionResourceTest {

  @Test
  void versionInfoFollowsOdoosShape() {
    assertEquals("[0,1,0,\"alpha\",0,\"\"]", OdooSessionResource.versionInfo("0.1.0-SNAPSHOT").toString());
    assertEquals("[19,0,2,\"final\",0,\"\"]", OdooSessionResource.versionInfo("19.0.2").toString());
  }
}
