package org.erp.sessions.it;

import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * For tests that set short timeouts, thresholds or limits on the running server for their own
 * duration: {@link #properties} changes them, and every test ends with the server's own values.
 */
abstract class ServerPropertiesTestBase extends ApiTestBase {

  @ArquillianResource private ManagementClient management;
  protected ServerProperties properties;

  @BeforeEach
  void connectToTheManagementApi() {
    properties = new ServerProperties(management);
  }

  @AfterEach
  void restoreTheServersProperties() {
    properties.restore();
  }
}
