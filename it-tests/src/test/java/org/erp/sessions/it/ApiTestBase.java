package org.erp.sessions.it;

import java.io.File;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deploys the EAR exactly as the build made it and talks to it over HTTP, as a frontend would.
 * Tests create their own users (unique logins), so they run against any database state. The
 * helpers are public for the fuzz tests' support package ({@code org.erp.sessions.it.fuzz}).
 */
@ExtendWith(ArquillianExtension.class)
public abstract class ApiTestBase {

  @Deployment(testable = false)
  public static EnterpriseArchive ear() {
    File ear = new File(System.getProperty("erp.ear", "../ear/target/erp-session.ear"));
    return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
  }

  /** An admin client, signed in. */
  public static ApiClient admin() {
    ApiClient admin = new ApiClient();
    admin.signIn("admin", "admin");
    return admin;
  }

  /** A unique login, so repeated runs on the same database never collide. */
  public static String uniqueLogin(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Creates a non-admin user in companies 1 and 2 and returns its login (password below). */
  public static String createUser(String prefix) {
    String login = uniqueLogin(prefix);
    admin()
        .post(
            "/api/admin/users",
            "{\"login\":" + ApiClient.quote(login) + ",\"password\":\"" + PASSWORD + "\","
                + "\"name\":\"Test " + prefix + "\",\"company_ids\":[1,2],"
                + "\"lang\":\"en_US\",\"tz\":\"Europe/Brussels\"}")
        .expect(201);
    return login;
  }

  public static final String PASSWORD = "correct horse battery";

  protected static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
