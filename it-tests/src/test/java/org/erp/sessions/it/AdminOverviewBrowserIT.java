package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The "Overview" panel of the ERP page (API.md §6): for administrators only. */
class AdminOverviewBrowserIT extends BrowserTestBase {

  @Test
  void anAdministratorSeesTheMembersAndAChartOfSixtyMinutes() {
    ErpBrowser browser = newBrowser().open().signIn("admin", "admin");

    browser.showPanel("overview");
    List<WebElement> rows =
        browser.waitUntil(
            driver -> {
              var found = driver.findElements(By.cssSelector("#overview-member-rows tr"));
              return found.isEmpty() ? null : found;
            });
    String node = browser.text("overview-node");
    assertTrue(rows.stream().anyMatch(row -> row.getText().startsWith(node)), "the serving node is listed");
    String sessions = rows.get(0).findElements(By.tagName("td")).get(1).getText();
    assertTrue(sessions.matches("\\d+|unknown"), sessions);

    List<WebElement> bars = browser.driver().findElements(By.cssSelector("#overview-chart svg rect.chart-bar"));
    assertEquals(60, bars.size());
    WebElement chart = browser.driver().findElement(By.cssSelector("#overview-chart svg"));
    assertEquals("img", chart.getAttribute("role"));
    String description = browser.script(
        "return document.getElementById('overview-chart-svg-desc').textContent").toString();
    assertTrue(description.matches("\\d+ sign-ins? from .* to now.*this minute: \\d+\\."), description);
    // The admin's own sign-in a moment ago makes a bar of this minute or the one before.
    assertTrue(
        bars.subList(58, 60).stream().anyMatch(bar -> !"0".equals(bar.getAttribute("data-count"))),
        "a bar for this sign-in");
    List<WebElement> labels = browser.driver().findElements(By.cssSelector("#overview-chart svg text"));
    assertTrue(labels.stream().anyMatch(label -> label.getText().equals("now")), "the time axis ends now");
  }

  @Test
  void aUserWhoIsNotAnAdministratorHasNoOverview() {
    String login = createUser("browser-overview");
    ErpBrowser browser = newBrowser().open().signIn(login, PASSWORD);

    assertFalse(browser.driver().findElement(By.id("tab-overview")).isDisplayed());
    // Even a panel remembered from an administrator's visit in this tab is not opened.
    browser.script("sessionStorage.setItem('erp.ui.panel', JSON.stringify('overview'))");
    browser.driver().navigate().refresh();
    browser.visible("panel-session");
    assertFalse(browser.driver().findElement(By.id("panel-overview")).isDisplayed());
    browser.assertStorageHoldsNoSecrets(PASSWORD);
  }
}
