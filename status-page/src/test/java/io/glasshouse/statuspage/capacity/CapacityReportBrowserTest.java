package io.glasshouse.statuspage.capacity;

import io.glasshouse.statuspage.web.HeadlessChromium;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.glasshouse.rollup.capacity.CapacitySnapshot;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The staff capacity report in a real browser: the routes served over HTTP from the fixture's refreshed planner,
 * opened in headless Chromium through chromedriver. Checks what only a browser can: the inline SVG charts lay out
 * with a size, the inline script runs under the page's Content-Security-Policy and re-sorts the table on a heading
 * click, and the page raises no JavaScript errors.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} at {@code /usr/bin}; fails (does not skip) without
 * them, since CI installs them.
 */
class CapacityReportBrowserTest {
  static final String TOKEN = "browser-staff-token";

  Vertx vertx;
  String base;
  ChromeDriver driver;
  HeadlessChromium chromium;

  @BeforeEach
  void setUp() throws IOException {
    CapacityFixture fx = CapacityFixture.get();
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    CapacityRoutes.mount(router, fx.planner, Set.of(TOKEN), fx.clock);
    int port = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")).actualPort();
    base = "http://127.0.0.1:" + port;

    chromium = HeadlessChromium.start("capacity-browser");
    driver = chromium.driver();
  }

  @AfterEach
  void tearDown() throws IOException {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      if (vertx != null) {
        await(vertx.close());
      }
    }
  }

  @Test
  void reportRendersSortsAndDownloadsInChromium() throws Exception {
    CapacityFixture fx = CapacityFixture.get();
    driver.get(base + "/reports/capacity?token=" + TOKEN);
    screenshot("capacity-report-browser.png");

    assertThat(driver.getTitle()).isEqualTo("Glasshouse capacity report");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Capacity report");

    // One laid-out chart per indicator that has a forecast; the one that failed shows its error instead.
    List<CapacitySnapshot> snapshots = fx.result.indicators();
    assertThat(snapshots).hasSize(4);
    for (CapacitySnapshot s : snapshots) {
      WebElement section = driver.findElement(By.id("ind-" + s.name()));
      List<WebElement> charts = section.findElements(By.cssSelector("svg.chart"));
      if (s.error().isPresent()) {
        assertThat(charts).as("%s has no forecast, so no chart", s.name()).isEmpty();
        assertThat(section.findElement(By.cssSelector("p.error")).getText()).isNotBlank();
        continue;
      }
      assertThat(charts).as("charts in section %s", s.name()).hasSize(1);
      Dimension size = charts.get(0).getSize();
      assertThat(size.getWidth()).as("%s chart width", s.name()).isGreaterThan(100);
      assertThat(size.getHeight()).as("%s chart height", s.name()).isGreaterThan(50);
      Dimension history = charts.get(0).findElement(By.cssSelector("polyline.history")).getSize();
      assertThat(history.getWidth()).as("%s history line width", s.name()).isGreaterThan(0);
    }
    assertThat(driver.findElements(By.cssSelector("svg.chart")))
        .hasSize((int) snapshots.stream().filter(s -> s.error().isEmpty()).count());

    // As served: soonest exhaustion (upper 95%) first.
    List<String> served = fx.result.byExhaustion().stream().map(CapacitySnapshot::name).toList();
    assertThat(served.get(0)).isEqualTo("db-disk");
    assertThat(rowOrder()).isEqualTo(served);

    // Clicking the name heading sorts by name, clicking it again reverses.
    WebElement nameHeading = heading("Indicator");
    nameHeading.click();
    List<String> byName = served.stream().sorted().toList();
    assertThat(rowOrder()).isEqualTo(byName).isNotEqualTo(served);
    assertThat(nameHeading.getDomAttribute("aria-sort")).isEqualTo("ascending");
    nameHeading.click();
    List<String> byNameDescending = new ArrayList<>(byName);
    Collections.reverse(byNameDescending);
    assertThat(rowOrder()).isEqualTo(byNameDescending);
    assertThat(nameHeading.getDomAttribute("aria-sort")).isEqualTo("descending");

    // Utilisation, ascending; an indicator without a utilisation sorts last (stable sort on the previous order).
    List<String> before = rowOrder();
    heading("Utilisation").click();
    List<String> byUtilisation = new ArrayList<>(before);
    byUtilisation.sort(Comparator.comparingDouble(n -> {
      double u = fx.result.indicator(n).orElseThrow().utilisation();
      return Double.isFinite(u) ? u : Double.POSITIVE_INFINITY;
    }));
    assertThat(rowOrder()).isEqualTo(byUtilisation).isNotEqualTo(before);
    assertThat(nameHeading.getDomAttribute("aria-sort")).isNull();

    // Download links carry the token, and what they point at answers with it.
    WebElement csv = driver.findElement(By.linkText("CSV"));
    WebElement json = driver.findElement(By.linkText("JSON"));
    assertThat(csv.getDomAttribute("href")).isEqualTo("/reports/capacity.csv?token=" + TOKEN);
    assertThat(json.getDomAttribute("href")).isEqualTo("/reports/capacity.json?token=" + TOKEN);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> csvBody = http.send(HttpRequest.newBuilder(URI.create(csv.getDomProperty("href"))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(csvBody.statusCode()).isEqualTo(200);
    assertThat(csvBody.body()).startsWith(String.join(",", CapacityCsv.CSV_FIXED_COLUMNS));
    HttpResponse<String> jsonBody = http.send(HttpRequest.newBuilder(URI.create(json.getDomProperty("href"))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(jsonBody.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(jsonBody.body()).getJsonArray("indicators").getJsonObject(0).getString("name"))
        .isEqualTo("db-disk");

    // No JavaScript errors: neither caught in the page nor reported in the browser's console log.
    assertThat(capturedErrors()).as("errors seen by the page").isEmpty();
    List<String> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::toString).toList();
    assertThat(severe).as("SEVERE entries in the browser console").isEmpty();
    screenshot("capacity-report-browser-sorted.png");
  }

  private WebElement heading(String text) {
    return driver.findElements(By.cssSelector("table#capacity thead th")).stream()
        .filter(th -> th.getText().equals(text)).findFirst()
        .orElseThrow(() -> new AssertionError("no column heading '" + text + "'"));
  }

  /** Indicator names in the table's current row order, as the browser has it. */
  private List<String> rowOrder() {
    return driver.findElements(By.cssSelector("table#capacity tbody tr th[scope=row]")).stream()
        .map(th -> th.getDomAttribute("data-v")).toList();
  }

  private List<String> capturedErrors() {
    return chromium.capturedErrors();
  }

  private void screenshot(String name) {
    chromium.screenshot(name);
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }
}
