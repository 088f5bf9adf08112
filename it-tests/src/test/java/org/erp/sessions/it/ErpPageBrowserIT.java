package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The ERP page at / in headless chromium: one scenario per method, each on a fresh user. */
class ErpPageBrowserIT extends BrowserTestBase {

  @ArquillianResource private ManagementClient management;
  private ServerProperties properties;

  @BeforeEach
  void properties() {
    properties = new ServerProperties(management);
  }

  @AfterEach
  void restoreProperties() {
    properties.restore();
  }

  @Test
  void signingInWithTheKeyboardAloneShowsTheUserAndTheSession() {
    String login = createUser("browser-login");
    ErpBrowser browser = newBrowser().open();

    // The login field has the focus; Tab and Enter are enough.
    WebElement focused = browser.driver().switchTo().activeElement();
    assertEquals("login-name", focused.getAttribute("id"), "focus starts on the login field");
    focused.sendKeys(login, Keys.TAB, "wrong password", Keys.ENTER);
    browser.waitForText("login-error", "Wrong login or password.");
    assertEquals("login-password", browser.driver().switchTo().activeElement().getAttribute("id"));

    browser.driver().switchTo().activeElement().sendKeys(PASSWORD, Keys.ENTER);
    browser.visible("app-view");
    assertEquals("Test browser-login", browser.text("user-name"));
    assertTrue(browser.text("fact-user").contains(login));
    assertEquals("Europe/Brussels", browser.text("fact-tz"));
    assertEquals("YourCompany", browser.text("fact-company"));
    assertTrue(browser.text("idle-countdown").matches("\\d+ min \\d\\d s"), browser.text("idle-countdown"));
    assertTrue(browser.text("absolute-countdown").matches("\\d+ h \\d\\d min"), browser.text("absolute-countdown"));
    browser.assertStorageHoldsNoSecrets(PASSWORD);
  }

  @Test
  void tooManyFailedLoginsShowTheCooldownAsACountdownThenAllowSigningIn() {
    properties.set("erp.login.cooldown-after", "2").set("erp.login.cooldown", "PT3S");
    String login = createUser("browser-cooldown");
    ErpBrowser browser = newBrowser().open();

    for (int attempt = 0; attempt < 2; attempt++) {
      browser.visible("login-name").clear();
      browser.visible("login-name").sendKeys(login);
      browser.visible("login-password").sendKeys("wrong password");
      browser.visible("login-submit").click();
      browser.waitForText("login-error", "Wrong login or password.");
      browser.script("document.getElementById('login-error').textContent = ''");
    }
    browser.visible("login-password").sendKeys(PASSWORD);
    browser.visible("login-submit").click();
    browser.waitForText("login-error", "Too many failed attempts. Try again in");
    assertTrue(browser.text("login-error").matches("Too many failed attempts\\. Try again in [1-3] s\\."));
    assertFalse(browser.visible("login-submit").isEnabled(), "no attempt during the cooldown");
    browser.screenshot("ErpPageBrowserIT-cooldown-countdown");

    browser.waitForText("login-error", "You can try again now.");
    browser.signIn(login, PASSWORD);
    browser.assertStorageHoldsNoSecrets(PASSWORD);
  }

  @Test
  void switchingTheCurrentCompanyShowsItAndKeepsItAfterAReload() {
    String login = createUser("browser-company");
    ErpBrowser browser = newBrowser().open().signIn(login, PASSWORD);
    assertEquals("YourCompany", browser.text("fact-company"));

    browser.select("current-company").selectByVisibleText("My Company (San Francisco)");
    browser.driver().findElement(By.cssSelector("#companies-form button[type=submit]")).click();
    browser.waitForText("app-status", "You now work in My Company (San Francisco).");
    assertEquals("My Company (San Francisco)", browser.text("fact-company"));

    browser.driver().navigate().refresh();
    browser.visible("app-view");
    browser.waitForText("fact-company", "My Company (San Francisco)");
    assertTrue(browser.visible("company-1").isSelected(), "company 1 stays active");
    browser.assertStorageHoldsNoSecrets(PASSWORD);
  }

  @Test
  void sessionDataCanBeAddedSeenAndDeleted() {
    String login = createUser("browser-data");
    ErpBrowser browser = newBrowser().open().signIn(login, PASSWORD);
    browser.showPanel("data");
    browser.visible("data-empty");

    browser.visible("data-key").sendKeys("wizard.step");
    browser.visible("data-value").sendKeys("{\"step\": 2, \"done\": [\"a\"]}");
    // An unfinished form is kept for the tab, in sessionStorage.
    assertTrue(
        browser.storage().getJsonObject("session").getString("erp.ui.dataDraft", "").contains("wizard.step"));
    browser.driver().findElement(By.cssSelector("#data-form button[type=submit]")).click();
    browser.waitForText("app-status", "Saved wizard.step.");
    assertEquals("{\"step\":2,\"done\":[\"a\"]}", browser.text("data-rows").replace("wizard.step", "").replace("Delete", "").trim());
    assertFalse(browser.storage().getJsonObject("session").containsKey("erp.ui.dataDraft"), "draft cleared once saved");
    browser.assertStorageHoldsNoSecrets(PASSWORD);

    // The server holds it: a reload shows it again.
    browser.driver().navigate().refresh();
    browser.visible("panel-data");
    browser.waitForText("data-rows", "wizard.step");

    browser.driver().findElement(By.cssSelector("button[aria-label='Delete wizard.step']")).click();
    browser.waitForText("app-status", "Deleted wizard.step.");
    browser.visible("data-empty");
    assertEquals("", browser.driver().findElement(By.id("data-rows")).getText());
  }

  @Test
  void aSensitiveKeyIsRefusedWithAPlainMessageAndItsValueIsNotKept() {
    String login = createUser("browser-sensitive");
    ErpBrowser browser = newBrowser().open().signIn(login, PASSWORD);
    browser.showPanel("data");

    browser.visible("data-key").sendKeys("db_password");
    browser.visible("data-value").sendKeys("\"hunter2-in-the-session\"");
    browser.driver().findElement(By.cssSelector("#data-form button[type=submit]")).click();
    browser.waitForText("data-error", "looks like it holds a secret");
    browser.visible("data-empty");
    assertFalse(browser.storage().toString().contains("hunter2"), "a secret-looking draft is never stored");

    // Other refusals read as plainly.
    browser.visible("data-key").clear();
    browser.visible("data-key").sendKeys("big");
    browser.visible("data-value").clear();
    browser.visible("data-value").sendKeys("\"" + "x".repeat(5000) + "\"");
    browser.driver().findElement(By.cssSelector("#data-form button[type=submit]")).click();
    browser.waitForText("data-error", "too large to keep in the session");
    browser.assertStorageHoldsNoSecrets(PASSWORD);
  }

  @Test
  void preferencesAndUiSettingsSurviveAReload() {
    String login = createUser("browser-prefs");
    ErpBrowser browser = newBrowser().open().signIn(login, PASSWORD);
    browser.showPanel("preferences");

    browser.select("pref-lang").selectByValue("fr_FR");
    browser.visible("pref-tz").clear();
    browser.visible("pref-tz").sendKeys("Mars/Olympus");
    browser.driver().findElement(By.cssSelector("#preferences-form button[type=submit]")).click();
    browser.waitForText("preferences-error", "This time zone is unknown.");

    browser.visible("pref-tz").clear();
    browser.visible("pref-tz").sendKeys("America/New_York");
    browser.driver().findElement(By.cssSelector("#preferences-form button[type=submit]")).click();
    browser.waitForText("app-status", "Preferences saved.");
    browser.visible("theme-toggle").click();

    browser.driver().navigate().refresh();
    // The panel comes back from sessionStorage, the theme from localStorage, the rest from the server.
    browser.visible("panel-preferences");
    assertEquals("fr_FR", browser.select("pref-lang").getFirstSelectedOption().getAttribute("value"));
    assertEquals("America/New_York", browser.visible("pref-tz").getAttribute("value"));
    assertEquals("dark", browser.script("return document.documentElement.dataset.theme"));
    assertEquals("\"dark\"", browser.storage().getJsonObject("local").getString("erp.ui.theme"));
    assertEquals("\"preferences\"", browser.storage().getJsonObject("session").getString("erp.ui.panel"));
    browser.showPanel("session");
    assertTrue(browser.text("fact-lang").contains("fr_FR"));
    assertEquals("America/New_York", browser.text("fact-tz"));
    browser.assertStorageHoldsNoSecrets(PASSWORD);
  }

  @Test
  void anIdleSessionThatExpiresReturnsToTheLoginFormWithAMessage() {
    properties.set("erp.session.idle-timeout", "PT6S");
    String login = createUser("browser-expiry");
    ErpBrowser browser = newBrowser().open().signIn(login, PASSWORD);
    browser.waitUntil(d -> browser.text("idle-countdown").matches("[1-6] s"));
    browser.assertStorageHoldsNoSecrets(PASSWORD);

    browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("login-view")), Duration.ofSeconds(20));
    assertEquals("Your session has ended. Please sign in again.", browser.text("login-notice"));
    assertFalse(browser.driver().findElement(By.id("app-view")).isDisplayed());
    browser.assertStorageHoldsNoSecrets(PASSWORD);
  }

  @Test
  void loggingOutReturnsToTheLoginFormAndEndsTheSession() {
    String login = createUser("browser-logout");
    ErpBrowser browser = newBrowser().open().signIn(login, PASSWORD);
    browser.showPanel("devices");
    browser.assertStorageHoldsNoSecrets(PASSWORD);

    browser.visible("logout-button").click();
    browser.visible("login-view");
    assertEquals("You are signed out.", browser.text("login-notice"));
    assertEquals(null, browser.csrfTokenFromServer(), "the server session is gone");
    assertEquals(null, browser.driver().manage().getCookieNamed(ApiClient.COOKIE));
    assertFalse(browser.storage().getJsonObject("session").containsKey("erp.ui.panel"), "tab state cleared");
    browser.assertStorageHoldsNoSecrets(PASSWORD);

    // Opening the page again shows the form, not an error.
    browser.open();
    browser.visible("login-view");
  }

  @Test
  void thePageFitsAPhoneScreenWithoutSidewaysScrolling() {
    String login = createUser("browser-phone");
    ErpBrowser browser = newBrowser();
    browser.resize(390, 844);
    browser.open().signIn(login, PASSWORD);
    for (String panel : new String[] {"data", "preferences", "session"}) {
      browser.showPanel(panel);
      Object overflow =
          browser.script("return document.documentElement.scrollWidth > document.documentElement.clientWidth");
      assertEquals(Boolean.FALSE, overflow, "sideways scrolling on the " + panel + " panel");
    }
    browser.assertStorageHoldsNoSecrets(PASSWORD);
  }
}
