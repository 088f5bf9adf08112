package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * "My devices" in two browsers signed in as the same user (API.md §4). The page notices a
 * revocation by polling /api/session/check, so the revoked browser needs no click to fall back.
 */
class DevicesBrowserIT extends BrowserTestBase {

  private static final Duration NOTICED_WITHIN = Duration.ofSeconds(25);

  @Test
  void revokingTheOtherBrowserSendsItBackToTheLoginForm() {
    String login = createUser("browser-devices");
    ErpBrowser other = newBrowser().open().signIn(login, PASSWORD);
    ErpBrowser mine = newBrowser().open().signIn(login, PASSWORD);

    mine.showPanel("devices");
    List<WebElement> devices = waitForDevices(mine, 2);
    assertEquals(1, mine.driver().findElements(By.cssSelector("#device-list .device.current")).size());
    assertTrue(devices.stream().anyMatch(d -> d.getText().contains("This device")));
    mine.assertStorageHoldsNoSecrets(PASSWORD);

    mine.driver().findElement(By.cssSelector("#device-list .device:not(.current) button")).click();
    mine.waitForText("app-status", "Signed out");
    waitForDevices(mine, 1);

    other.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("login-view")), NOTICED_WITHIN);
    assertEquals("Your session has ended. Please sign in again.", other.text("login-notice"));
    other.assertStorageHoldsNoSecrets(PASSWORD);
  }

  @Test
  void loggingOutOfAllOtherDevicesKeepsOnlyThisOne() {
    String login = createUser("browser-others");
    ErpBrowser other = newBrowser().open().signIn(login, PASSWORD);
    new ApiClient().signIn(login, PASSWORD); // a third device, e.g. a script
    ErpBrowser mine = newBrowser().open().signIn(login, PASSWORD);

    mine.showPanel("devices");
    waitForDevices(mine, 3);
    mine.visible("devices-revoke-others").click();
    mine.waitForText("app-status", "You are signed out everywhere else.");
    waitForDevices(mine, 1);
    assertEquals(1, mine.driver().findElements(By.cssSelector("#device-list .device.current")).size());

    other.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("login-view")), NOTICED_WITHIN);
    mine.assertStorageHoldsNoSecrets(PASSWORD);
  }

  private static List<WebElement> waitForDevices(ErpBrowser browser, int count) {
    return browser.waitUntil(
        ExpectedConditions.numberOfElementsToBe(By.cssSelector("#device-list .device"), count));
  }
}
