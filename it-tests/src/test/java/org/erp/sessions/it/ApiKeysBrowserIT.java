package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The ERP page's API keys panel (API.md §13) and its identity prompt (§12): a key is shown once
 * and works, a revoked one does not; an action refused for an old identity check asks for the
 * password and then goes through by itself.
 */
class ApiKeysBrowserIT extends BrowserTestBase {

  @ArquillianResource private ManagementClient management;
  private ServerProperties properties;

  @AfterEach
  void restoreTheServersProperties() {
    if (properties != null) {
      properties.restore();
    }
  }

  @Test
  void aNewKeyIsShownOnceWorksAndIsGoneOnceRevoked() {
    String login = createUser("browser-key");
    ErpBrowser browser = newBrowser().open().signIn(login, PASSWORD);
    browser.showPanel("api-keys");
    browser.visible("api-key-name").sendKeys("nightly export");
    browser.driver().findElement(By.cssSelector("#api-key-form button[type=submit]")).click();

    String key = browser.visible("api-key-value").getAttribute("value");
    assertTrue(key.startsWith("erp_"), "the new key is shown");
    UsedSecrets.record("api key", key);
    ApiClient script = new ApiClient().withApiKey(key);
    assertEquals(login, script.get("/api/session").expect(200).json().getString("login"));
    browser.waitForText("api-key-list", "nightly export");
    browser.assertStorageHoldsNoSecrets(PASSWORD);
    assertFalse(browser.storage().toString().contains(key), "the key is not in Web Storage");

    browser.visible("api-key-done").click();
    browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("api-key-new")));
    assertFalse(browser.driver().getPageSource().contains(key), "the key is shown once only");

    browser.driver().findElement(By.cssSelector("#api-key-list button")).click();
    browser.waitForText("app-status", "Revoked the key nightly export.");
    browser.waitForText("api-key-list", "No API keys.");
    script.get("/api/session").expect(401);

    browser.showPanel("devices");
    browser.waitUntil(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#device-list .device"), 1));
  }

  @Test
  void anOldIdentityCheckAsksForThePasswordThenTheActionGoesThrough() {
    String login = createUser("browser-identity");
    ErpBrowser browser = newBrowser().open().signIn(login, PASSWORD);
    properties = new ServerProperties(management).set("erp.identity-check.window", "PT2S");
    sleep(2500);

    browser.showPanel("api-keys");
    browser.visible("api-key-name").sendKeys("after a check");
    browser.driver().findElement(By.cssSelector("#api-key-form button[type=submit]")).click();
    browser.visible("identity-password").sendKeys("not my password");
    browser.visible("identity-confirm").click();
    browser.waitForText("identity-error", "Wrong password.");
    browser.screenshot("ApiKeysBrowserIT-the-identity-prompt");
    assertTrue(new ApiClient().signIn(login, PASSWORD).getString("login").equals(login));

    properties.restore(); // the confirmation below must not age out while the page retries
    browser.visible("identity-password").sendKeys(PASSWORD);
    browser.visible("identity-confirm").click();
    browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("identity-dialog")));
    String key = browser.visible("api-key-value").getAttribute("value");
    UsedSecrets.record("api key", key);
    assertTrue(key.startsWith("erp_"), "the refused action was sent again and went through");
    browser.waitForText("api-key-list", "after a check");
    browser.assertStorageHoldsNoSecrets(PASSWORD);
  }
}
