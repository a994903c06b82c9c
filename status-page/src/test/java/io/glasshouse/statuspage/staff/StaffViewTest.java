package io.glasshouse.statuspage.staff;

import static io.glasshouse.statuspage.staff.StaffFixture.INGEST_TOKEN;
import static io.glasshouse.statuspage.staff.StaffFixture.READ_TOKEN;
import static io.glasshouse.statuspage.staff.StaffFixture.XSS;
import static io.glasshouse.statuspage.staff.StaffFixture.XSS_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.slo.SloReport;
import io.glasshouse.statuspage.web.Pages;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The staff view over HTTP, against the real engine, SLO reports, status evaluator and alert engine. */
class StaffViewTest {
  final StaffFixture fx = StaffFixture.get();
  // HTTP/1.1: the JDK client's default h2c upgrade once left a request unanswered for good in CI
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void loginSetsAnHttpOnlyStrictSessionCookieScopedToStaffThatNeverContainsTheToken() throws Exception {
    HttpResponse<String> r = login(fx.base(), READ_TOKEN, List.of());
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("location")).contains("/staff");
    String cookie = r.headers().firstValue("set-cookie").orElseThrow();
    assertThat(cookie).startsWith(StaffLogin.COOKIE + "=").contains("; HttpOnly").contains("; SameSite=Strict")
        .contains("; Path=/staff").contains("; Max-Age=43200").doesNotContain("Secure").doesNotContain(READ_TOKEN);
    String id = cookie.substring(StaffLogin.COOKIE.length() + 1, cookie.indexOf(';'));
    assertThat(id).matches("[A-Za-z0-9_-]{43}");
    assertThat(r.headers().map().toString()).doesNotContain(READ_TOKEN);

    HttpResponse<String> page = get(fx.base() + "/staff", "Cookie", StaffLogin.COOKIE + "=" + id);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Signed in with token <strong>oncall</strong>").doesNotContain(READ_TOKEN);
    assertThat(page.headers().firstValue("content-security-policy")).contains(Pages.CONTENT_SECURITY_POLICY);
    assertThat(page.headers().firstValue("cache-control")).contains("no-store");
  }

  @Test
  void theCookieIsSecureOverTlsOrATrustedForwardedProtoOnly() throws Exception {
    HttpResponse<String> untrusted = login(fx.base(), READ_TOKEN, List.of("X-Forwarded-Proto", "https"));
    assertThat(untrusted.headers().firstValue("set-cookie").orElseThrow()).doesNotContain("Secure");

    StaffRoutes trusting = new StaffRoutes(fx.staff == null ? null : new StaffSources(fx.engine, fx.status::latest,
        fx.slos, fx.alerts, null, fx.clock), fx.access, new StaffOptions("Glasshouse", Duration.ofHours(1), 10, true));
    Router router = Router.router(fx.vertx);
    trusting.mount(router);
    int port = StaffFixture.await(fx.vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"))
        .actualPort();
    String base = "http://127.0.0.1:" + port;
    assertThat(login(base, READ_TOKEN, List.of("X-Forwarded-Proto", "https")).headers().firstValue("set-cookie")
        .orElseThrow()).endsWith("; Secure").contains("Max-Age=3600");
    assertThat(login(base, READ_TOKEN, List.of("X-Forwarded-Proto", "http")).headers().firstValue("set-cookie")
        .orElseThrow()).doesNotContain("Secure");
  }

  @Test
  void pagesWithoutASessionRedirectToTheLoginFormEvenWhenTheReadApiIsOpen() throws Exception {
    assertThat(fx.access.isOpen(io.glasshouse.rollup.access.Scope.READ)).isTrue();
    for (String path : List.of("/staff", "/staff/slos/shop-availability", "/staff/services/shop/instances",
        "/staff/capacity")) {
      HttpResponse<String> r = get(fx.base() + path);
      assertThat(r.statusCode()).as(path).isEqualTo(303);
      assertThat(r.headers().firstValue("location")).as(path).contains("/staff/login");
    }
    HttpResponse<String> unknownSession = get(fx.base() + "/staff", "Cookie", StaffLogin.COOKIE + "=made-up");
    assertThat(unknownSession.statusCode()).isEqualTo(303);
    assertThat(unknownSession.headers().firstValue("set-cookie").orElseThrow()).contains("Max-Age=0");
    HttpResponse<String> form = get(fx.base() + "/staff/login");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("<form method=\"post\" action=\"/staff/login\"").contains("name=\"token\"");
  }

  @Test
  void aTokenWithoutTheReadScopeIsRefusedWithTheFormAgainAndNoDetail() throws Exception {
    for (String token : List.of(INGEST_TOKEN, "not-a-token-at-all")) {
      HttpResponse<String> r = login(fx.base(), token, List.of());
      assertThat(r.statusCode()).as(token).isEqualTo(401);
      assertThat(r.headers().firstValue("set-cookie")).as(token).isEmpty();
      assertThat(r.body()).as(token).contains("That token was not accepted").contains("name=\"token\"")
          .doesNotContain(token).doesNotContain("ingest").doesNotContain("pusher");
    }
    assertThat(login(fx.base(), INGEST_TOKEN, List.of()).body())
        .isEqualTo(login(fx.base(), "not-a-token-at-all", List.of()).body());
    HttpResponse<String> bearer = get(fx.base() + "/staff", "Authorization", "Bearer " + INGEST_TOKEN);
    assertThat(bearer.statusCode()).isEqualTo(401);
    assertThat(bearer.headers().firstValue("www-authenticate")).contains("Bearer");
  }

  @Test
  void aBearerReadTokenOpensThePagesWithoutACookie() throws Exception {
    HttpResponse<String> r = get(fx.base() + "/staff", "Authorization", "Bearer " + READ_TOKEN);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("set-cookie")).isEmpty();
    assertThat(r.body()).doesNotContain("/staff/logout");
  }

  @Test
  void logoutEndsTheSessionAndClearsTheCookie() throws Exception {
    String cookie = sessionCookie();
    HttpResponse<String> out = http.send(HttpRequest.newBuilder(URI.create(fx.base() + "/staff/logout"))
        .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("set-cookie").orElseThrow()).startsWith(StaffLogin.COOKIE + "=;")
        .contains("Max-Age=0").contains("Path=/staff");
    assertThat(get(fx.base() + "/staff", "Cookie", cookie).statusCode()).isEqualTo(303);
  }

  @Test
  void theOverviewShowsEveryComponentServiceSloAndAlert() throws Exception {
    String body = get(fx.base() + "/staff", "Cookie", sessionCookie()).body();
    assertThat(body).contains("Shop <span class=\"muted\">(shop)</span>").contains("customers")
        .contains("Ledger <span class=\"muted\">(ledger)</span>").contains("staff only")
        .contains("service ledger has no live instance").contains("Major outage");
    SloReport r = fx.report();
    assertThat(body).contains("href=\"/staff/slos/shop-availability\"").contains(Figures.percent(r.budgetRemaining(), 1))
        .contains(Figures.percent(r.sli(), 3)).contains("99%");
    for (Duration w : OverviewPage.BURN_WINDOWS) {
      assertThat(body).as("burn over %s", w).contains(Figures.burn(r.burnRate(w).orElseThrow()));
    }
    assertThat(body).contains("href=\"/staff/services/shop/instances\"");
    assertThat(body).contains("<th scope=\"row\">ShopErrors</th>").contains("alert-state-firing")
        .contains("severity=page");
    assertThat(body).contains("No capacity indicators are configured");
  }

  @Test
  void theSloPageChartsTheBudgetAndBurnRatesWithTheSlosFigures() throws Exception {
    HttpResponse<String> page = get(fx.base() + "/staff/slos/shop-availability", "Authorization", "Bearer "
        + READ_TOKEN);
    assertThat(page.statusCode()).isEqualTo(200);
    String body = page.body();
    SloReport r = fx.report();
    assertThat(body).contains("<svg class=\"chart\"").contains("id=\"budget-chart\"").contains("id=\"burn-chart\"")
        .contains("<desc id=\"budget-chart-desc\">").contains("role=\"img\"");
    // the line has one vertex per defined budget point
    Matcher m = Pattern.compile("<polyline class=\"series\" points=\"([^\"]*)\"").matcher(body);
    int vertices = 0;
    while (m.find()) {
      vertices += m.group(1).split(" ").length;
    }
    assertThat(vertices).isEqualTo((int) r.budgetOverTime().stream().filter(p -> p.remaining() != null).count())
        .isGreaterThan(1);
    // one bar per burn window and the whole window, labelled with its figure
    assertThat(Pattern.compile("<g class=\"bar\">").matcher(body).results().count()).isEqualTo(8);
    for (SloReport.BurnRate b : r.burnRates()) {
      assertThat(body).contains("<title>" + Figures.compact(b.window()) + ": " + Figures.burn(b.rate()) + "</title>");
    }
    assertThat(body).contains("now.").contains(Figures.percent(r.budgetRemaining(), 1) + " now");
    assertThat(body).contains("<table class=\"staff-table\" id=\"burn-rates\">")
        .contains("<table class=\"staff-table\" id=\"budget-points\">")
        .contains(Figures.percent(r.budgetOverTime().get(r.budgetOverTime().size() - 1).remaining(), 2));
    assertThat(body).contains("Orders succeed");
    assertThat(get(fx.base() + "/staff/slos/nope", "Authorization", "Bearer " + READ_TOKEN).statusCode())
        .isEqualTo(404);
  }

  @Test
  void theInstancesPageMarksTheOutlierInWordsWithItsFigures() throws Exception {
    HttpResponse<String> page = get(fx.base() + "/staff/services/shop/instances", "Authorization", "Bearer "
        + READ_TOKEN);
    assertThat(page.statusCode()).isEqualTo(200);
    String body = page.body();
    assertThat(body).contains("<strong id=\"outlier-count\">1 outlier.</strong>");
    int row = body.indexOf("<tr class=\"staff-outlier\">");
    assertThat(row).isPositive();
    String outlierRow = body.substring(row, body.indexOf("</tr>", row));
    io.glasshouse.rollup.instances.Deviation d = StaffFixture.await(fx.engine.instanceHealth("shop")).instances()
        .stream().filter(i -> i.instance().equals("i-2")).findFirst().orElseThrow().deviations().get(0);
    assertThat(d.value()).isBetween(0.24, 0.25);
    assertThat(outlierRow).contains("i-2").contains(">Outlier</strong>")
        .contains("error ratio " + Figures.percent(d.value(), 2) + " vs peers' median "
            + Figures.percent(d.peerMedian(), 2) + " (score " + Figures.number(d.score(), 1) + " &gt; 3.5)");
    assertThat(Pattern.compile("<tr class=\"staff-outlier\">").matcher(body).results().count()).isEqualTo(1);
    assertThat(get(fx.base() + "/staff/services/nope/instances", "Authorization", "Bearer " + READ_TOKEN)
        .statusCode()).isEqualTo(404);
  }

  @Test
  void markupInServiceComponentAndLabelNamesIsEscaped() throws Exception {
    String cookie = sessionCookie();
    String overview = get(fx.base() + "/staff", "Cookie", cookie).body();
    assertThat(overview).doesNotContain(XSS).doesNotContain("<img src=x").contains("&lt;script&gt;")
        .contains("evil&lt;img src=x onerror=alert(1)&gt;");
    HttpResponse<String> evil = get(fx.base() + StaffRoutes.instancesHref(XSS_SERVICE), "Cookie", cookie);
    assertThat(evil.statusCode()).isEqualTo(200);
    assertThat(evil.body()).doesNotContain("<img src=x").contains("Instances of evil&lt;img");
    HttpResponse<String> unknown = get(fx.base() + "/staff/slos/"
        + URLEncoder.encode(XSS, StandardCharsets.UTF_8).replace("+", "%20"), "Cookie", cookie);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).doesNotContain(XSS).contains("&lt;script&gt;");
  }

  private String sessionCookie() throws IOException, InterruptedException {
    String c = login(fx.base(), READ_TOKEN, List.of()).headers().firstValue("set-cookie").orElseThrow();
    return c.substring(0, c.indexOf(';'));
  }

  private HttpResponse<String> login(String base, String token, List<String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/staff/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
    for (int i = 0; i < headers.size(); i += 2) {
      b.header(headers.get(i), headers.get(i + 1));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
