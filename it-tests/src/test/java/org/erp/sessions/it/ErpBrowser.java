package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless chromium with a fresh profile, driving the ERP page, plus the checks every
 * scenario repeats: what the page keeps in Web Storage, console errors, screenshots.
 */
public final class ErpBrowser implements AutoCloseable {

  public static final File CHROMIUM = new File("/usr/bin/chromium");
  public static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final Path profile;
  private final ChromeDriverService service;
  private final ChromeDriver driver;

  public ErpBrowser() {
    try {
      profile = Files.createTempDirectory("erp-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Named explicitly so that Selenium Manager never looks for (or downloads) a driver.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.getPath());
    service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile,
        "--window-size=1280,900");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    driver = new ChromeDriver(service, options);
  }

  public ChromeDriver driver() {
    return driver;
  }

  public ErpBrowser open() {
    driver.get(ApiClient.BASE + "/");
    waitUntil(
        ExpectedConditions.or(
            ExpectedConditions.visibilityOfElementLocated(By.id("login-view")),
            ExpectedConditions.visibilityOfElementLocated(By.id("app-view"))));
    return this;
  }

  /** Signs in through the form and waits for the signed-in page. */
  public ErpBrowser signIn(String login, String password) {
    visible("login-name").clear();
    visible("login-name").sendKeys(login);
    visible("login-password").sendKeys(password);
    visible("login-submit").click();
    visible("app-view");
    UsedSecrets.record("password", password);
    var cookie = driver.manage().getCookieNamed(ApiClient.COOKIE);
    if (cookie != null) {
      UsedSecrets.record("session id", cookie.getValue());
    }
    return this;
  }

  public WebElement visible(String id) {
    return waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  public String text(String id) {
    return visible(id).getText();
  }

  public void waitForText(String id, String expected) {
    waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id(id), expected));
  }

  public <T> T waitUntil(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
    return waitUntil(condition, WAIT);
  }

  public <T> T waitUntil(
      java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition, Duration timeout) {
    return new WebDriverWait(driver, timeout).until(condition);
  }

  public void showPanel(String name) {
    driver.findElement(By.cssSelector(".tab[data-panel='" + name + "']")).click();
    visible("panel-" + name);
  }

  public Select select(String id) {
    return new Select(visible(id));
  }

  public Object script(String script, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(script, arguments);
  }

  /** Everything in localStorage and sessionStorage, read the way page scripts see it. */
  public JsonObject storage() {
    String json =
        (String)
            script(
                "return JSON.stringify({local: Object.assign({}, localStorage),"
                    + " session: Object.assign({}, sessionStorage)});");
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  /** The CSRF token of this browser's session, asked from the server as the page would. */
  public String csrfTokenFromServer() {
    Object token =
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/api/session/check').then(check => check.ok"
                    + "  ? fetch('/api/session').then(r => r.json()).then(info => done(info.csrf_token))"
                    + "  : done(null)).catch(() => done(null));");
    return (String) token;
  }

  /**
   * No secret in Web Storage: only the page's own UI keys, none named like a secret, and none of
   * the given values (password, session id, CSRF token) anywhere in keys or values.
   */
  public void assertStorageHoldsNoSecrets(String password) {
    String csrfToken = csrfTokenFromServer();
    var sessionCookie = driver.manage().getCookieNamed(ApiClient.COOKIE);
    JsonObject storage = storage();
    String everything = storage.toString();
    for (String area : List.of("local", "session")) {
      for (String key : storage.getJsonObject(area).keySet()) {
        assertTrue(key.startsWith("erp.ui."), () -> area + "Storage key of the page's own: " + key);
        String lower = key.toLowerCase(Locale.ROOT);
        for (String word : List.of("password", "csrf", "token", "session_id", "secret")) {
          assertFalse(lower.contains(word), () -> area + "Storage key names a secret: " + key);
        }
      }
    }
    assertFalse(everything.contains(password), "the password is in Web Storage");
    if (sessionCookie != null) {
      assertFalse(everything.contains(sessionCookie.getValue()), "the session id is in Web Storage");
    }
    if (csrfToken != null) {
      assertFalse(everything.contains(csrfToken), "the CSRF token is in Web Storage");
    }
  }

  /**
   * No console error. A refused request (401, 422...) is logged by Chrome as a "network" error
   * although the page handles it; those are expected, everything else is a bug of the page.
   */
  public void assertNoConsoleErrors() {
    List<LogEntry> errors =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
            .filter(entry -> !entry.getMessage().contains("Failed to load resource: the server responded with a status of 4"))
            .toList();
    assertEquals(List.of(), errors.stream().map(LogEntry::getMessage).toList(), "console errors");
  }

  public void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  public void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteProfile();
    }
  }

  private void deleteProfile() {
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // A leftover temporary profile is harmless.
    }
  }
}
