package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Two-factor authentication in the ERP page (API.md §14): enrolment with the QR code drawn by the
 * server, the code step at sign-in with "remember this browser", and forgetting that browser in
 * "My devices". Codes come from TwoFactorIT's own HMAC-SHA1.
 */
class TwoFactorBrowserIT extends BrowserTestBase {

  private long lastStep = Long.MIN_VALUE;

  @Test
  void enrolSignInWithTheCodeRememberTheBrowserAndForgetIt() {
    String login = createUser("browser-totp");
    ErpBrowser page = newBrowser().open().signIn(login, PASSWORD);

    page.showPanel("preferences");
    page.visible("totp-setup").click();
    page.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#totp-qr svg path")));
    String secret = page.text("totp-secret");
    UsedSecrets.record("totp secret", secret);
    page.visible("totp-confirm-code").sendKeys(nextCode(secret));
    page.visible("totp-confirm").click();
    page.waitForText("app-status", "Two-factor authentication is on.");
    assertTrue(page.text("totp-state").startsWith("On"));
    assertEquals(
        "", page.driver().findElement(By.id("totp-secret")).getAttribute("textContent"),
        "the key is not shown again");
    assertTrue(!page.driver().findElement(By.id("totp-enrol-form")).isDisplayed());

    page.visible("logout-button").click();
    passwordStep(page, login);
    page.visible("totp-form");
    page.visible("totp-code").sendKeys("12345");
    page.visible("totp-submit").click();
    page.waitForText("totp-error", "6 digits");
    page.visible("totp-code").clear();
    page.visible("totp-code").sendKeys(nextCode(secret));
    page.visible("totp-remember").click();
    page.visible("totp-submit").click();
    page.visible("app-view");
    Cookie remembered = page.driver().manage().getCookieNamed("td_id");
    assertNotNull(remembered, "remember this browser sets the trusted-device cookie");
    assertTrue(remembered.isHttpOnly());
    UsedSecrets.record("td_id cookie", remembered.getValue());

    // Signed out, the browser keeps what its user chose: the next sign-in here needs no code.
    page.visible("logout-button").click();
    passwordStep(page, login);
    page.visible("app-view");

    page.showPanel("devices");
    page.waitUntil(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#trusted-list .device.current"), 1));
    page.driver().findElement(By.cssSelector("#trusted-list .device.current button")).click();
    page.waitForText("app-status", "will ask for the code again");
    page.waitForText("trusted-list", "No remembered browsers.");

    page.visible("logout-button").click();
    passwordStep(page, login);
    page.visible("totp-form");
    page.assertStorageHoldsNoSecrets(PASSWORD);
  }

  private static void passwordStep(ErpBrowser page, String login) {
    page.visible("login-name").clear();
    page.visible("login-name").sendKeys(login);
    page.visible("login-password").sendKeys(PASSWORD);
    page.visible("login-submit").click();
  }

  /** A code of a step not used yet, waiting for the next step when needed. */
  private String nextCode(String secret) {
    long now = Instant.now().getEpochSecond() / 30;
    long step = Math.max(now, lastStep + 1);
    if (step > now + 1) {
      sleep((step - 1) * 30_000 - System.currentTimeMillis() + 200);
    }
    lastStep = step;
    return TwoFactorIT.totp(secret, step);
  }
}
