package io.glasshouse.statuspage.api;

import io.glasshouse.statuspage.web.HeadlessChromium;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.statuspage.StatusPageRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue #8: people read the API in a browser. {@code /api/docs} renders the bundled Swagger UI on our own document
 * with no script or policy error, and {@code /openapi.yaml} is shown as text rather than downloaded.
 */
class ApiDocsBrowserTest {

  Vertx vertx;
  String base;
  ChromeDriver driver;
  HeadlessChromium chromium;

  @BeforeEach
  void setUp() throws IOException {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    StatusPageRoutes.mount(router, ReadApiFixture.reader(), new ManualClock(ReadApiFixture.NOW));
    int port = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")).actualPort();
    base = "http://127.0.0.1:" + port;
    chromium = HeadlessChromium.start("api-docs-browser");
    driver = chromium.driver();
  }

  @AfterEach
  void tearDown() throws IOException {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      await(vertx.close());
    }
  }

  @Test
  void apiDocsRendersTheDocumentInSwaggerUiWithoutErrors() {
    driver.get(base + "/api/docs");

    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".swagger-ui .info .title"),
            "Glasshouse read API"));
    assertThat(driver.findElements(By.cssSelector(".opblock-summary-path")))
        .extracting(e -> e.getDomAttribute("data-path")).contains("/api/v1/services");
    assertThat((List<?>) ((JavascriptExecutor) driver).executeScript("return window.__errors;")).isEmpty();
  }

  @Test
  void openApiYamlIsShownInTheBrowserNotDownloaded() throws Exception {
    HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(base + "/openapi.yaml"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.headers().firstValue("content-type")).hasValue("text/yaml; charset=utf-8");
    assertThat(r.headers().firstValue("content-disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("inline"));

    driver.get(base + "/openapi.yaml");

    assertThat(driver.findElement(By.tagName("body")).getText()).contains("openapi: 3.1").contains("/api/v1/services");
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }
}
