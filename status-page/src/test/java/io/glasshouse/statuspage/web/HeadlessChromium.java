package io.glasshouse.statuspage.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through chromedriver, as every browser test of this module uses it: a fresh
 * profile, a 1280x1000 window, browser logs kept, and a script installed before any page script that collects
 * uncaught errors, rejected promises, CSP violations and {@code console.error} calls into {@code window.__errors}
 * ({@link #errors()}). Fails (does not skip) when chromium or chromedriver is missing, since CI installs both.
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** Installed before any page script: collects uncaught errors, rejections, CSP violations, console.error. */
  static final String ERROR_CAPTURE = """
      window.__errors = [];
      window.addEventListener('error', function (e) {
        window.__errors.push('error: ' + e.message + ' at ' + e.filename + ':' + e.lineno);
      });
      window.addEventListener('unhandledrejection', function (e) {
        window.__errors.push('unhandled rejection: ' + e.reason);
      });
      document.addEventListener('securitypolicyviolation', function (e) {
        window.__errors.push('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI);
      });
      (function () {
        var original = console.error;
        console.error = function () {
          window.__errors.push('console.error: ' + Array.prototype.join.call(arguments, ' '));
          return original.apply(console, arguments);
        };
      })();
      """;

  private final ChromeDriver driver;
  private final Path profile;

  private HeadlessChromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts a browser with a fresh profile named after {@code what} (e.g. "staff-browser"). */
  public static HeadlessChromium start(String what) throws IOException {
    for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(p)) {
        fail(p + " not found: these tests drive headless Chromium; install it with "
            + "'apt-get install chromium chromium-driver' (CI installs both)");
      }
    }
    Path profile = Files.createTempDirectory(what + "-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1280,1000", "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", ERROR_CAPTURE));
    return new HeadlessChromium(driver, profile);
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** What the page collected in {@code window.__errors} (errors, rejections, CSP violations, console.error). */
  public List<?> errors() {
    Object errors = driver.executeScript("return window.__errors;");
    return errors instanceof List<?> l ? l : List.of();
  }

  /**
   * What the page collected in {@code window.__errors}, failing when the capture script was not installed before
   * the page's own scripts ran (then nothing would have been seen).
   */
  @SuppressWarnings("unchecked")
  public List<String> capturedErrors() {
    Object errors = driver.executeScript("return window.__errors;");
    org.assertj.core.api.Assertions.assertThat(errors)
        .as("the error capture was installed before the page's script ran").isNotNull();
    return (List<String>) errors;
  }

  /** For review only: the page as rendered, saved as {@code target/<name>}; a failure to write is only logged. */
  public void screenshot(String name) {
    try {
      Path out = Path.of("target", name);
      Files.createDirectories(out.getParent());
      Files.copy(driver.getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(), out,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      System.err.println("screenshot " + name + " not written: " + e);
    }
  }

  /** Quits the browser and deletes its profile. */
  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (var paths = Files.walk(profile)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
