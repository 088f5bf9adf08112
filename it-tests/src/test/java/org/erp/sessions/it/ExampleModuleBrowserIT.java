package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The example module in a real browser, reached from the ERP page: sign in, run the wizard
 * (which survives a reload, being in the session), sign out: the wizard is gone with the session.
 */
class ExampleModuleBrowserIT extends BrowserTestBase {

  @Test
  void theWizardKeepsItsStepsInTheSessionUntilSignOut() {
    String login = createUser("browser-sales");
    ErpBrowser browser = newBrowser().open().signIn(login, PASSWORD);
    browser.visible("module-sales").click();
    browser.visible("step-customer");
    browser.visible("customer").sendKeys("Azure Interior");
    browser.select("company").selectByValue("2");
    browser.visible("start-button").click();
    browser.visible("step-lines");
    browser.visible("product").sendKeys("Desk");
    browser.visible("add-line-button").click();
    browser.waitForText("lines", "1 × Desk");

    browser.driver().navigate().refresh();
    browser.waitForText("lines", "1 × Desk");
    assertEquals("Azure Interior", browser.text("line-customer"), "the wizard came back from the session");

    browser.driver().get(ApiClient.BASE + "/");
    browser.visible("logout-button").click();
    browser.visible("login-view");
    browser.driver().get(ApiClient.BASE + "/sales/");
    browser.visible("wizard-signed-out");

    browser.open().signIn(login, PASSWORD);
    browser.driver().get(ApiClient.BASE + "/sales/");
    browser.visible("step-customer");
  }
}
