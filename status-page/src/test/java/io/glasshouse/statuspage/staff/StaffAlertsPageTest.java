package io.glasshouse.statuspage.staff;

import static io.glasshouse.statuspage.staff.StaffFixture.XSS;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.alerts.api.AlertRoutes;
import io.glasshouse.alerts.config.AlertsSection;
import io.glasshouse.alerts.config.RuleSources;
import io.glasshouse.alerts.engine.AlertEngine;
import io.glasshouse.alerts.state.Alert;
import io.glasshouse.alerts.state.AlertState;
import io.glasshouse.alerts.store.MemoryAlertStore;
import io.glasshouse.rollup.access.AccessToken;
import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.access.Scope;
import io.glasshouse.rollup.query.QueryService;
import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /staff/alerts} over HTTP against a real alert engine evaluating a threshold rule over the shared fixture's
 * real rollup engine (shop's i-2 fails), with a webhook receiver that refuses connections (so the notification
 * log holds a failed delivery). Each test has its own alert engine and store, so silences do not leak.
 */
class StaffAlertsPageTest {
  static final String ADMIN_TOKEN = "admin-token-0123456789";
  static final String READ_TOKEN = "reader-token-0123456789";

  final StaffFixture fx = StaffFixture.get();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  /** This test's own clock, from the fixture's "now", so advancing it leaves the shared fixture alone. */
  final ManualClock clock = new ManualClock(fx.clock.instant());
  AlertEngine alerts;
  String base;

  @BeforeEach
  void setUp() {
    JsonObject section = new JsonObject()
        .put("retry", new JsonObject().put("attempts", 1).put("timeout", "2s"))
        .put("route", new JsonObject().put("receiver", "hook").put("group_wait", "0s")
            .put("group_by", new JsonArray().add("alertname")))
        .put("receivers", new JsonArray().add(new JsonObject().put("name", "hook").put("webhook_configs",
            new JsonArray().add(new JsonObject().put("url", "http://127.0.0.1:1/refused")))))
        .put("rules", new JsonArray().add(new JsonObject()
            .put("name", "ShopFailing").put("kind", "threshold").put("service", "shop")
            .put("metric", "http_server_requests").put("fn", "rate").put("match", "status=~\"5..\"")
            .put("op", ">").put("value", 0).put("window", "5m")
            .put("labels", new JsonObject().put("severity", "page").put("team", XSS))
            .put("annotations", new JsonObject().put("summary", "shop fails " + XSS)
                .put("description", "described " + XSS).put("runbook_url", "javascript:alert(1)"))));
    alerts = StaffFixture.await(AlertEngine.open(fx.vertx, clock, AlertsSection.fromJson(section,
        new RuleSources(new QueryService(fx.engine, fx.vertx), null, null, fx.engine::instanceHealth)),
        new MemoryAlertStore(),
        new SimpleMeterRegistry()));
    StaffFixture.await(alerts.cycle());
    setUpRoutes();
  }

  private void setUpRoutes() {
    AccessTokens access = AccessTokens.of(List.of(new AccessToken("boss", ADMIN_TOKEN, Set.of(Scope.READ,
        Scope.ADMIN)), new AccessToken("viewer", READ_TOKEN, Set.of(Scope.READ))), Set.of());
    StaffRoutes staff = new StaffRoutes(new StaffSources(fx.engine, fx.status::latest, fx.slos, alerts, null,
        clock), access, StaffOptions.defaults());
    Router router = Router.router(fx.vertx);
    staff.mount(router);
    AlertRoutes.mount(router, alerts, access);
    int port = StaffFixture.await(fx.vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"))
        .actualPort();
    base = "http://127.0.0.1:" + port;
  }

  @AfterEach
  void tearDown() {
    alerts.close();
  }

  @Test
  void thePageShowsTheFiringAlertWithItsFiguresAndTheFailedDelivery() throws Exception {
    awaitDelivery();
    String cookie = session(READ_TOKEN);
    HttpResponse<String> r = get("/staff/alerts", cookie);
    assertThat(r.statusCode()).isEqualTo(200);
    Alert a = alerts.firing().get(0);
    String body = r.body();
    assertThat(body).contains("<h1>Alerts</h1>").contains("id=\"alert-" + a.fingerprint() + "\"")
        .contains("alert-state-firing")
        .contains("<th scope=\"row\">Severity</th><td>page</td>")
        .contains("<th scope=\"row\">value</th><td>" + a.annotations().get("value") + "</td>")
        .contains("<th scope=\"row\">threshold</th><td>0</td>");
    assertThat(body).contains("id=\"deliveries\"").contains("<td>hook</td>").contains("<td>webhook</td>")
        .contains("<td>failed</td>").contains("id=\"delivery-failures\"").contains("Connection refused")
        .contains("No group has been notified yet.");
    assertThat(body).contains("<a href=\"/staff/alerts\" aria-current=\"page\">Alerts</a>");
    assertThat(body).doesNotContain("<form method=\"post\" action=\"/staff/alerts/silences\"");
  }

  @Test
  void restoredBurnRateAndForecastAlertsShowEveryFigureAndResolvedOnesAreHistory() throws Exception {
    MemoryAlertStore store = new MemoryAlertStore();
    Instant now = clock.instant();
    TreeMap<String, String> ann = new TreeMap<>(Map.of("summary", "SLO shop-availability burns fast",
        "window_pair", "1h/5m", "burn_rate_long", "15.2", "burn_rate_short", "16.8", "burn_rate_threshold", "14.4",
        "budget_consumed", "41.5%", "budget_exhausted_at", "2026-11-01T09:00:00Z", "instances", "i-2",
        "versions", "1.4.2 ×1", "staff_url", "/staff/slos/shop-availability"));
    ann.putAll(Map.of("forecast", "upper 80% reaches 100% in 3h", "forecast_interval", "[2h10m, 5h]",
        "forecast_model", "holt-linear"));
    store.saveAlert(new Alert("SloBurn", new TreeMap<>(Map.of("alertname", "SloBurn", "severity", "page",
        "slo", "shop-availability")), ann, AlertState.FIRING, now.minusSeconds(120), now.minusSeconds(60), null,
        now, 15.2, "/staff/slos/shop-availability"));
    store.saveAlert(new Alert("SloBurn", new TreeMap<>(Map.of("alertname", "SloBurn", "severity", "ticket",
        "slo", "shop-availability")), new TreeMap<>(Map.of("summary", "over")), AlertState.RESOLVED,
        now.minusSeconds(7200), now.minusSeconds(7000), now.minusSeconds(3600), now.minusSeconds(3600), 3.1, ""));
    alerts.close();
    alerts = StaffFixture.await(AlertEngine.open(fx.vertx, clock, AlertsSection.fromJson(new JsonObject(),
        new RuleSources(null, null, null)), store, new SimpleMeterRegistry()));
    setUpRoutes();

    String body = get("/staff/alerts", session(READ_TOKEN)).body();
    for (String[] f : new String[][] {{"Window pair", "1h/5m"}, {"Burn rate (long window)", "15.2"},
        {"Burn rate (short window)", "16.8"}, {"Burn-rate threshold", "14.4"}, {"Budget gone", "41.5%"},
        {"Runs out at this rate", "2026-11-01T09:00:00Z"}, {"Instances", "i-2"}, {"Versions", "1.4.2 ×1"},
        {"Forecast", "upper 80% reaches 100% in 3h"}, {"Forecast interval", "[2h10m, 5h]"},
        {"Forecast model", "holt-linear"}}) {
      assertThat(body).contains("<tr><th scope=\"row\">" + f[0] + "</th><td>" + f[1] + "</td></tr>");
    }
    assertThat(body.indexOf("Window pair")).isLessThan(body.indexOf("Forecast model"));
    assertThat(body).contains("<a href=\"/staff/slos/shop-availability\">Details</a>");
    String history = body.substring(body.indexOf("id=\"history\""));
    assertThat(history).contains("<th scope=\"row\">SloBurn</th>").contains("<td>ticket</td>").contains("<td>over</td>");
  }

  @Test
  void hostileLabelsAndAnnotationsAreEscapedAndAJavascriptRunbookIsNoLink() throws Exception {
    String body = get("/staff/alerts", session(ADMIN_TOKEN)).body();
    assertThat(body).doesNotContain(XSS).doesNotContain("javascript:alert")
        .contains("shop fails &lt;script&gt;alert('x')&lt;/script&gt;")
        .contains("team=&lt;script&gt;alert('x')&lt;/script&gt;")
        .contains("described &lt;script&gt;");
  }

  @Test
  void creatingASilenceThroughTheFormSilencesTheAlertAndExpiringItUnsilences() throws Exception {
    String cookie = session(ADMIN_TOKEN);
    Alert a = alerts.firing().get(0);
    String page = get("/staff/alerts?silence=" + a.fingerprint(), cookie).body();
    String csrf = csrf(page);
    String prefilled = AlertsPage.matchers(a);
    assertThat(page).contains("id=\"silence-matchers\"").contains("<label for=\"silence-matchers\">");

    HttpResponse<String> created = post("/staff/alerts/silences", cookie, Map.of("csrf", csrf, "matchers",
        prefilled, "duration", "2h", "comment", "deploying a fix"));
    assertThat(created.statusCode()).isEqualTo(303);
    assertThat(created.headers().firstValue("location")).contains("/staff/alerts#silences");

    assertThat(alerts.mutedBy(a)).get().asString().startsWith("silenced by ");
    String id = alerts.silences().get(0).id();
    String after = get("/staff/alerts", cookie).body();
    assertThat(after).contains("(silenced by " + id + ")").contains("<td>boss</td>").contains("deploying a fix")
        .contains("action=\"/staff/alerts/silences/" + id + "/expire\"");
    JsonObject api = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/alerts/silences"))
        .header("Authorization", "Bearer " + READ_TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body());
    JsonObject s = api.getJsonArray("silences").getJsonObject(0);
    assertThat(s.getString("id")).isEqualTo(id);
    assertThat(s.getString("createdBy")).isEqualTo("boss");
    assertThat(s.encode()).contains("active");
    assertThat(s.getString("endsAt")).isEqualTo(clock.instant().plus(Duration.ofHours(2)).toString());

    HttpResponse<String> expired = post("/staff/alerts/silences/" + id + "/expire", cookie, Map.of("csrf", csrf));
    assertThat(expired.statusCode()).isEqualTo(303);
    assertThat(alerts.mutedBy(a)).isEmpty();
    assertThat(get("/staff/alerts", cookie).body()).doesNotContain("(silenced by ")
        .contains("<tr class=\"silence-expired\">");
  }

  @Test
  void aReadOnlySessionAWrongFormTokenAndBadInputAreRefusedAndNothingIsStored() throws Exception {
    String reader = session(READ_TOKEN);
    String readerCsrf = csrf(get("/staff/alerts", reader).body());
    HttpResponse<String> refused = post("/staff/alerts/silences", reader, Map.of("csrf", readerCsrf, "matchers",
        "alertname=\"ShopFailing\"", "duration", "1h", "comment", "x"));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("needs a token with the admin scope");

    String admin = session(ADMIN_TOKEN);
    HttpResponse<String> forged = post("/staff/alerts/silences", admin, Map.of("csrf", readerCsrf, "matchers",
        "alertname=\"ShopFailing\"", "duration", "1h", "comment", "x"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("does not belong to your session");

    String csrf = csrf(get("/staff/alerts", admin).body());
    HttpResponse<String> bad = post("/staff/alerts/silences", admin, Map.of("csrf", csrf, "matchers",
        "not a matcher", "duration", "1h", "comment", "x"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("Silence not created.").contains("must look like name=");
    HttpResponse<String> noComment = post("/staff/alerts/silences", admin, Map.of("csrf", csrf, "matchers",
        "alertname=\"ShopFailing\"", "duration", "1h", "comment", " "));
    assertThat(noComment.statusCode()).isEqualTo(400);
    assertThat(noComment.body()).contains("Comment:");
    assertThat(alerts.silences()).isEmpty();
  }

  private void awaitDelivery() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (alerts.notificationLog().deliveries().isEmpty()) {
      assertThat(System.nanoTime()).as("a delivery was recorded").isLessThan(deadline);
      clock.add(Duration.ofSeconds(10));
      StaffFixture.await(alerts.cycle());
      Thread.onSpinWait();
    }
  }

  private String session(String token) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/staff/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(303);
    String c = r.headers().firstValue("set-cookie").orElseThrow();
    return c.substring(0, c.indexOf(';'));
  }

  private static String csrf(String page) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"").matcher(page);
    return m.find() ? m.group(1) : "";
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String cookie, Map<String, String> form) throws Exception {
    String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
        StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
