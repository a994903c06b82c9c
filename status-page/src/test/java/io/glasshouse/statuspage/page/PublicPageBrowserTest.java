package io.glasshouse.statuspage.page;

import io.glasshouse.statuspage.web.HeadlessChromium;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.glasshouse.statuspage.page.PageStates.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The public status page in headless Chromium (Debian {@code chromium} and {@code chromium-driver} at
 * {@code /usr/bin}; fails rather than skips without them): every state renders with its bars and timelines, a
 * status change arrives live without a reload, a phone-sized viewport works, keyboard focus reaches every bar and
 * shows its details, dark mode applies, and no page raises an error or a CSP violation. Screenshots of each state
 * go to {@code target/status-page-*.png}.
 */
class PublicPageBrowserTest {
  static final int BARS = 3 * PublicView.DAYS;

  PageServer server;
  ChromeDriver driver;
  HeadlessChromium chromium;

  @BeforeEach
  void setUp() throws IOException {
    server = new PageServer(State.OPERATIONAL);
    chromium = HeadlessChromium.start("status-page-browser");
    driver = chromium.driver();
  }

  @AfterEach
  void tearDown() throws IOException {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  @Test
  void everyStateRendersItsBannerBarsAndTimelinesWithoutErrors() {
    Map<State, String> banners = Map.of(State.OPERATIONAL, "All Systems Operational",
        State.DEGRADED, "Partially Degraded Service", State.INCIDENT, "Partial System Outage",
        State.MAINTENANCE, "Service Under Maintenance");
    for (State state : State.values()) {
      server.show(state);
      open("/status");
      assertThat(text("#live-banner .banner-text")).isEqualTo(banners.get(state));
      List<WebElement> bars = driver.findElements(By.cssSelector("ol.bars > li.day"));
      assertThat(bars).hasSize(BARS);
      for (WebElement bar : List.of(bars.get(0), bars.get(BARS / 2), bars.get(BARS - 1))) {
        Dimension size = bar.findElement(By.tagName("svg")).getSize();
        assertThat(size.getWidth()).isGreaterThan(0);
        assertThat(size.getHeight()).isGreaterThan(20);
      }
      switch (state) {
        case OPERATIONAL -> assertThat(driver.findElements(By.cssSelector("#live-incidents article"))).isEmpty();
        case DEGRADED -> assertThat(text("#component-api .status")).isEqualTo("Degraded performance");
        case INCIDENT -> {
          WebElement incident = driver.findElement(By.cssSelector("#live-incidents article.incident"));
          assertThat(incident.getText()).contains("Elevated API errors").contains("Affects: Public API");
          List<WebElement> updates = incident.findElements(By.cssSelector("ol.timeline > li.update"));
          assertThat(updates).hasSize(2);
          assertThat(updates.get(0).getText()).startsWith("Identified");
          assertThat(updates.get(1).getText()).startsWith("Investigating").contains("<script>window.__xss = 1</script>");
          assertThat(updates.get(1).getSize().getHeight()).isGreaterThan(10);
          assertThat(text("#component-api .status")).isEqualTo("Major outage");
        }
        case MAINTENANCE -> {
          assertThat(text("#live-maintenance")).contains("Maintenance in progress").contains("Database upgrade")
              .contains("Scheduled maintenance").contains("Network change");
          assertThat(text("#component-web .status")).isEqualTo("Under maintenance");
        }
      }
      assertNoErrors();
      String name = "status-page-" + state.name().toLowerCase(Locale.ROOT) + ".png";
      fullPageScreenshot(name);
    }
    server.show(State.INCIDENT);
    open("/status/incidents/inc-42");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Elevated API errors");
    assertThat(driver.executeScript("return window.__xss === undefined;")).isEqualTo(true);
    driver.findElements(By.cssSelector(".update-body a")).forEach(a ->
        assertThat(String.valueOf(a.getDomAttribute("href"))).doesNotStartWithIgnoringCase("javascript"));
    assertNoErrors();
    fullPageScreenshot("status-page-incident-detail.png");
    open("/status/history");
    assertThat(driver.findElements(By.cssSelector("section.month h2"))).hasSizeGreaterThanOrEqualTo(3);
    assertThat(text("#live-history")).contains("Slow dashboard loads");
    assertNoErrors();
    fullPageScreenshot("status-page-history.png");
  }

  @Test
  void aStatusChangeAppearsLiveWithoutAReload() {
    open("/status");
    new WebDriverWait(driver, Duration.ofSeconds(20)).until(d ->
        "open".equals(driver.executeScript("return document.documentElement.getAttribute('data-live');")));
    driver.executeScript("window.__sameDocument = 42;");
    assertThat(text("#live-banner .banner-text")).isEqualTo("All Systems Operational");

    server.snapshot.set(PageStates.snapshot(State.INCIDENT));
    server.incidents.put(PageStates.activeIncident());

    new WebDriverWait(driver, Duration.ofSeconds(20)).until(d ->
        text("#live-banner .banner-text").equals("Partial System Outage")
            && text("#live-incidents").contains("Elevated API errors")
            && text("#component-api .status").equals("Major outage"));
    assertThat(driver.executeScript("return window.__sameDocument;")).isEqualTo(42L);
    assertThat(driver.findElement(By.id("live-banner")).getDomAttribute("class")).contains("banner-major");
    assertThat(driver.findElements(By.cssSelector("ol.bars > li.day"))).hasSize(BARS);
    assertNoErrors();
    fullPageScreenshot("status-page-live-update.png");
  }

  @Test
  void aPhoneSizedViewportShowsEverythingWithoutSidewaysScrolling() {
    server.show(State.INCIDENT);
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 375, "height", 740, "deviceScaleFactor", 2, "mobile", true));
    open("/status");
    Number scrollWidth = (Number) driver.executeScript("return document.documentElement.scrollWidth;");
    Number clientWidth = (Number) driver.executeScript("return document.documentElement.clientWidth;");
    assertThat(scrollWidth.intValue()).as("no sideways scrolling").isLessThanOrEqualTo(clientWidth.intValue());
    assertThat(clientWidth.intValue()).isEqualTo(375);
    @SuppressWarnings("unchecked")
    List<Number> widths = (List<Number>) driver.executeScript("return Array.prototype.map.call("
        + "document.querySelectorAll('ol.bars > li.day'), function (b) { return b.getBoundingClientRect().width; })"
        + ".filter(function (w) { return w > 0; });");
    assertThat(widths).as("the last 30 days per component").hasSize(3 * 30);
    widths.forEach(w -> assertThat(w.doubleValue()).isGreaterThan(3));
    assertThat(driver.findElement(By.cssSelector("#live-incidents article")).isDisplayed()).isTrue();
    assertThat(driver.findElement(By.cssSelector("#component-api .bars-legend")).getText()).contains("30 days ago");
    assertNoErrors();
    fullPageScreenshot("status-page-phone.png");
  }

  @Test
  void keyboardFocusReachesEveryBarAndShowsItsDateUptimeAndIncidents() {
    server.show(State.INCIDENT);
    open("/status");
    Set<String> barIds = new LinkedHashSet<>();
    driver.findElements(By.cssSelector("ol.bars > li.day")).forEach(b -> barIds.add(b.getDomAttribute("id")));
    assertThat(barIds).hasSize(BARS);
    driver.executeScript("window.__focused = [];"
        + "document.addEventListener('focusin', function (e) { window.__focused.push(e.target.id || ''); });");
    Actions keys = new Actions(driver);
    Set<String> reached = new LinkedHashSet<>();
    for (int round = 0; round < 20 && !reached.containsAll(barIds); round++) {
      for (int k = 0; k < 30; k++) {
        keys.sendKeys(Keys.TAB);
      }
      keys.perform();
      @SuppressWarnings("unchecked")
      List<String> focused = (List<String>) driver.executeScript("return window.__focused;");
      reached.addAll(focused);
    }
    assertThat(reached).containsAll(barIds);
    driver.executeScript("document.getElementById('day-api-2026-05-20').focus();");
    WebElement tip = driver.findElement(By.cssSelector("#day-api-2026-05-20 .tip"));
    assertThat(tip.isDisplayed()).as("the focused bar shows its details").isTrue();
    assertThat(tip.getText()).contains("20 May 2026").contains("Major outage").contains("uptime")
        .contains("Elevated API errors");
    fullPageScreenshot("status-page-bar-focus.png");
    WebElement other = driver.findElement(By.cssSelector("#day-web-2026-04-25 .tip"));
    assertThat(other.isDisplayed()).as("an unfocused bar's details stay hidden").isFalse();
    assertNoErrors();
  }

  @Test
  void darkModeFollowsTheSystemPreference() {
    server.show(State.INCIDENT);
    driver.executeCdpCommand("Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
    open("/status");
    Object background = driver.executeScript("return getComputedStyle(document.body).backgroundColor;");
    assertThat(background).isEqualTo("rgb(13, 17, 23)");
    assertNoErrors();
    fullPageScreenshot("status-page-dark.png");
  }

  private void open(String path) {
    driver.get(server.base + path);
  }

  /** The element's rendered text, read in one script call (sections may be swapped in between calls). */
  private String text(String css) {
    Object t = driver.executeScript("var e = document.querySelector(arguments[0]); return e ? e.innerText : null;",
        css);
    assertThat(t).as("an element matches %s", css).isNotNull();
    return ((String) t).strip();
  }

  @SuppressWarnings("unchecked")
  private void assertNoErrors() {
    Object errors = driver.executeScript("return window.__errors;");
    assertThat(errors).as("the error capture was installed before the page's script ran").isNotNull();
    assertThat((List<String>) errors).as("errors seen by the page").isEmpty();
    List<String> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::toString).toList();
    assertThat(severe).as("SEVERE entries in the browser console").isEmpty();
  }

  /** The whole page (the window grown to its height), under target/, for review. */
  private void fullPageScreenshot(String name) {
    try {
      Dimension before = driver.manage().window().getSize();
      Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight;");
      driver.manage().window().setSize(new Dimension(before.getWidth(), Math.max(before.getHeight(),
          height.intValue() + 120)));
      Path out = Path.of("target", name);
      Files.createDirectories(out.getParent());
      Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), out, StandardCopyOption.REPLACE_EXISTING);
      driver.manage().window().setSize(before);
    } catch (IOException e) {
      throw new AssertionError("screenshot " + name + " not written", e);
    }
  }

}
