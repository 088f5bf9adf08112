package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * The ERP page in real browsers. Each scenario opens the browsers it needs with {@link
 * #newBrowser}; afterwards each one is screenshotted (target/screenshots/&lt;test&gt;-&lt;n&gt;.png),
 * checked for console errors, and closed.
 */
abstract class BrowserTestBase extends ApiTestBase {

  private final List<ErpBrowser> browsers = new ArrayList<>();
  private String testName;

  /** Skip without chromium, unless the run says a browser is required (CI). */
  @BeforeAll
  static void requireChromium() {
    boolean present = ErpBrowser.CHROMIUM.canExecute() && ErpBrowser.CHROMEDRIVER.canExecute();
    String message =
        "Browser tests need " + ErpBrowser.CHROMIUM + " and " + ErpBrowser.CHROMEDRIVER
            + " (apt-get install chromium chromium-driver)";
    if (!present && Boolean.getBoolean("erp.browser.required")) {
      fail(message + ", and erp.browser.required=true");
    }
    assumeTrue(present, message + ": skipped");
  }

  @BeforeEach
  void rememberTestName(TestInfo test) {
    testName = getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName();
  }

  protected ErpBrowser newBrowser() {
    ErpBrowser browser = new ErpBrowser();
    browsers.add(browser);
    return browser;
  }

  @AfterEach
  void screenshotCheckAndClose() {
    try {
      for (int i = 0; i < browsers.size(); i++) {
        browsers.get(i).screenshot(testName + (browsers.size() > 1 ? "-" + (i + 1) : ""));
      }
      for (ErpBrowser browser : browsers) {
        browser.assertNoConsoleErrors();
      }
    } finally {
      browsers.forEach(ErpBrowser::close);
      browsers.clear();
    }
  }
}
