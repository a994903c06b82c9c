package io.glasshouse.statuspage.staff;

import io.glasshouse.statuspage.web.HeadlessChromium;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The staff view in headless Chromium (setup as CapacityReportBrowserTest): signs in through the form, reads the
 * overview, follows the SLO link to its charts and opens the instances page; the session cookie is HttpOnly (not
 * visible to scripts), the charts lay out with a size, and no page raises a JavaScript error or a CSP violation.
 * Screenshots go to {@code target/staff-*.png}.
 */
class StaffViewBrowserTest {

  StaffFixture fx;
  ChromeDriver driver;
  HeadlessChromium chromium;

  @BeforeEach
  void setUp() throws IOException {
    fx = StaffFixture.get();
    chromium = HeadlessChromium.start("staff-browser");
    driver = chromium.driver();
  }

  @AfterEach
  void tearDown() throws IOException {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
    }
  }

  @Test
  void staffSignInOverviewSloAndInstancesPagesWorkInChromium() {
    driver.get(fx.base() + "/staff");
    assertThat(driver.getCurrentUrl()).isEqualTo(fx.base() + "/staff/login");
    screenshot("staff-login.png");
    driver.findElement(By.id("token")).sendKeys("wrong-token");
    clickAndLoad(By.cssSelector("form[action='/staff/login'] button"));
    assertThat(driver.findElement(By.cssSelector(".staff-error")).getText()).contains("not accepted");
    driver.findElement(By.id("token")).sendKeys(StaffFixture.READ_TOKEN);
    clickAndLoad(By.cssSelector("form[action='/staff/login'] button"));

    assertThat(driver.getCurrentUrl()).isEqualTo(fx.base() + "/staff");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Staff overview");
    Cookie session = driver.manage().getCookieNamed(StaffLogin.COOKIE);
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getSameSite()).isEqualTo("Strict");
    assertThat(session.getValue()).doesNotContain(StaffFixture.READ_TOKEN);
    assertThat((String) ((JavascriptExecutor) driver).executeScript("return document.cookie;"))
        .doesNotContain(StaffLogin.COOKIE);
    assertThat(driver.findElements(By.cssSelector("table#slos tbody tr"))).hasSize(1);
    assertThat(driver.findElements(By.cssSelector("table#components tbody tr"))).hasSize(3);
    assertThat(driver.findElement(By.cssSelector("table#alerts tbody tr th")).getText()).isEqualTo("ShopErrors");
    screenshot("staff-overview.png");
    noErrors();

    clickAndLoad(By.linkText("shop-availability"));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("SLO shop-availability");
    for (String id : List.of("budget-chart", "burn-chart")) {
      WebElement chart = driver.findElement(By.id(id));
      Dimension size = chart.getSize();
      assertThat(size.getWidth()).as("%s width", id).isGreaterThan(300);
      assertThat(size.getHeight()).as("%s height", id).isGreaterThan(100);
    }
    assertThat(driver.findElement(By.cssSelector("#budget-chart polyline.series")).getSize().getWidth())
        .isGreaterThan(100);
    assertThat(driver.findElements(By.cssSelector("#burn-chart g.bar rect"))).hasSize(8);
    screenshot("staff-slo.png");
    noErrors();

    driver.get(fx.base() + "/staff/services/shop/instances");
    assertThat(driver.findElement(By.cssSelector("tr.staff-outlier th")).getText()).contains("i-2");
    screenshot("staff-instances.png");
    noErrors();

    clickAndLoad(By.cssSelector("form[action='/staff/logout'] button"));
    assertThat(driver.getCurrentUrl()).isEqualTo(fx.base() + "/staff/login");
    driver.get(fx.base() + "/staff");
    assertThat(driver.getCurrentUrl()).isEqualTo(fx.base() + "/staff/login");
  }

  @Test
  void theAlertsPageReadsWithoutConsoleErrorsInChromium() {
    driver.get(fx.base() + "/staff/login");
    driver.findElement(By.id("token")).sendKeys(StaffFixture.READ_TOKEN);
    clickAndLoad(By.cssSelector("form[action='/staff/login'] button"));
    clickAndLoad(By.linkText("Alerts"));
    assertThat(driver.getCurrentUrl()).isEqualTo(fx.base() + "/staff/alerts");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Alerts");
    assertThat(driver.findElement(By.cssSelector("article.staff-alert h3")).getText()).startsWith("ShopErrors");
    screenshot("staff-alerts.png");
    noErrors();
  }

  private void noErrors() {
    assertThat(capturedErrors()).as("errors seen by the page").isEmpty();
    List<String> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::toString)
        .filter(e -> !e.contains("/staff/login") || !e.contains("401")) // the refused sign-in, on purpose
        .filter(e -> !e.contains("/favicon.ico")) // the browser's own guess; the shared layout declares no icon
        .toList();
    assertThat(severe).as("SEVERE entries in the browser console").isEmpty();
  }

  private List<String> capturedErrors() {
    return chromium.capturedErrors();
  }

  private void screenshot(String name) {
    chromium.screenshot(name);
  }


  /** Clicks what navigates, then waits until the next page has replaced this one and finished loading. */
  private void clickAndLoad(By target) {
    WebElement old = driver.findElement(By.tagName("html"));
    driver.findElement(target).click();
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    wait.until(ExpectedConditions.stalenessOf(old));
    wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState;")));
  }
}
