package io.glasshouse.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.alerts.config.AlertsConfig;
import io.glasshouse.alerts.engine.AlertEngine;
import io.glasshouse.alerts.receiver.PagerDutyIntegration;
import io.glasshouse.alerts.receiver.Receiver;
import io.glasshouse.alerts.receiver.RetryPolicy;
import io.glasshouse.alerts.receiver.SlackIntegration;
import io.glasshouse.alerts.route.Matcher;
import io.glasshouse.alerts.route.Route;
import io.glasshouse.alerts.rule.RuleSpec;
import io.glasshouse.alerts.store.MemoryAlertStore;
import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PagerDuty Events v2 and Slack incoming webhooks, pointed at a local test server. */
class ReceiversTest {
  Vertx vertx;
  TestReceiver server;
  ManualClock clock = new ManualClock(Instant.parse("2026-03-02T10:00:00Z"));
  StaticRule rule = new StaticRule(RuleSpec.named("SloErrorBudgetBurn")
      .withLabels(Map.of("severity", "page"))
      .withAnnotations(Map.of("runbook_url", "https://runbooks.example/slo", "budget_consumed", "12%")));
  AlertEngine engine;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    server = TestReceiver.start(vertx);
    Route root = new Route("{}", "oncall", List.of(), List.of("alertname"), false, false, Duration.ZERO,
        Duration.ofMinutes(1), Duration.ofHours(4), List.of());
    Receiver oncall = new Receiver("oncall", List.of(
        new PagerDutyIntegration("oncall", "R0UT1NG", server.url("/v2/enqueue"), null, true),
        new SlackIntegration("oncall", server.url("/services/T000/B000/SECRET"), "#oncall", true)));
    AlertsConfig c = new AlertsConfig("https://gh.example", Duration.ofSeconds(10), Duration.ofMinutes(1),
        new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(5)), List.of(rule), root,
        List.of(), Map.of("oncall", oncall), List.of());
    engine = AlertEngine.open(vertx, clock, c, new MemoryAlertStore(), new SimpleMeterRegistry()).await();
  }

  @AfterEach
  void tearDown() {
    server.close();
    vertx.close().await();
  }

  JsonObject last(String pathPrefix) {
    JsonObject found = null;
    for (int i = 0; i < server.paths.size(); i++) {
      if (server.paths.get(i).startsWith(pathPrefix)) {
        found = server.bodies.get(i);
      }
    }
    return found;
  }

  @Test
  void pagerDutyIsTriggeredWithADedupKeyAndMappedSeverityThenAcknowledgedBySilenceThenResolved() {
    rule.active.add(Map.of("slo", "checkout-availability", "service", "checkout"));
    engine.cycle().await();
    JsonObject trigger = last("/v2/enqueue");
    assertThat(trigger.getString("event_action")).isEqualTo("trigger");
    assertThat(trigger.getString("routing_key")).isEqualTo("R0UT1NG");
    assertThat(trigger.getString("dedup_key")).hasSize(64);
    JsonObject payload = trigger.getJsonObject("payload");
    assertThat(payload.getString("severity")).isEqualTo("critical");
    assertThat(payload.getJsonObject("custom_details").getJsonArray("alerts").getJsonObject(0)
        .getJsonObject("figures").getString("budget_consumed")).isEqualTo("12%");

    engine.createSilence(List.of(Matcher.parse("slo=checkout-availability")), null,
        clock.instant().plus(Duration.ofHours(1)), "bob", "looking into it").await();
    clock.add(Duration.ofMinutes(1));
    engine.cycle().await();
    JsonObject ack = last("/v2/enqueue");
    assertThat(ack.getString("event_action")).isEqualTo("acknowledge");
    assertThat(ack.getString("dedup_key")).isEqualTo(trigger.getString("dedup_key"));

    rule.active.clear();
    clock.add(Duration.ofMinutes(1));
    engine.cycle().await();
    engine.expireSilence(engine.silences().get(0).id()).await();
    clock.add(Duration.ofMinutes(1));
    engine.cycle().await();
    JsonObject resolve = last("/v2/enqueue");
    assertThat(resolve.getString("event_action")).isEqualTo("resolve");
    assertThat(resolve.getString("dedup_key")).isEqualTo(trigger.getString("dedup_key"));
  }

  /** A burn-rate page's text, as {@code BurnRateRule} writes it (the figures it annotates). */
  static final Map<String, String> PAGE_TEXT = Map.ofEntries(
      Map.entry("summary", "SLO checkout-availability burns its error budget 28.1× too fast over 1h (<slow> & failing)"),
      Map.entry("window_pair", "1h/5m"),
      Map.entry("burn_rate_long", "28.1"),
      Map.entry("burn_rate_short", "301"),
      Map.entry("burn_rate_threshold", "14.4"),
      Map.entry("budget_consumed", "12%"),
      Map.entry("budget_remaining", "88%"),
      Map.entry("budget_exhausted_at", "2026-03-03T01:40:00Z"),
      Map.entry("budget_exhausted_at_forecast", "2026-03-03T04:10:00Z"),
      Map.entry("slo_target", "99.9%"),
      Map.entry("instances", "checkout-7, checkout-9"),
      Map.entry("versions", "2.4.1 ×2"),
      Map.entry("staff_url", "/staff/slos/checkout-availability"));

  @Test
  void pagerDutyCarriesTheWholePageTextInCustomDetailsAndLinksTheStaffViewAndRunbook() {
    rule.figures.putAll(PAGE_TEXT);
    rule.active.add(Map.of("slo", "checkout-availability", "service", "checkout"));
    engine.cycle().await();
    JsonObject e = last("/v2/enqueue");
    assertThat(e.fieldNames()).containsExactlyInAnyOrder("routing_key", "event_action", "dedup_key", "payload",
        "client", "client_url", "links");
    assertThat(e.getString("client")).isEqualTo("Glasshouse");
    assertThat(e.getString("client_url")).isEqualTo("https://gh.example");
    JsonObject payload = e.getJsonObject("payload");
    assertThat(payload.getString("summary")).isEqualTo(PAGE_TEXT.get("summary"));
    assertThat(payload.getString("source")).isEqualTo("checkout");
    assertThat(payload.getString("severity")).isEqualTo("critical");
    assertThat(payload.getString("component")).isEqualTo("checkout");
    assertThat(payload.getString("group")).isEqualTo("checkout-availability");
    assertThat(payload.getString("class")).isEqualTo("SloErrorBudgetBurn");
    assertThat(payload.getString("timestamp")).isEqualTo("2026-03-02T10:00:00Z");
    JsonObject d = payload.getJsonObject("custom_details");
    assertThat(d.getString("summary")).isEqualTo(PAGE_TEXT.get("summary"));
    for (String k : List.of("window_pair", "burn_rate_long", "burn_rate_short", "burn_rate_threshold",
        "budget_consumed", "budget_exhausted_at", "budget_exhausted_at_forecast", "instances", "versions")) {
      assertThat(d.getString(k)).as(k).isEqualTo(PAGE_TEXT.get(k));
    }
    assertThat(d.getString("firing")).isEqualTo("- " + PAGE_TEXT.get("summary"));
    assertThat(d.getLong("num_firing")).isEqualTo(1);
    assertThat(d.getLong("num_resolved")).isZero();
    JsonObject alert = d.getJsonArray("alerts").getJsonObject(0);
    assertThat(alert.getString("status")).isEqualTo("firing");
    assertThat(alert.getString("staff_url")).isEqualTo("https://gh.example/staff/slos/checkout-availability");
    assertThat(alert.getString("runbook_url")).isEqualTo("https://runbooks.example/slo");
    assertThat(alert.getString("starts_at")).isEqualTo("2026-03-02T10:00:00Z");
    assertThat(alert.getJsonObject("labels").getString("slo")).isEqualTo("checkout-availability");
    assertThat(alert.getJsonObject("figures").getString("window_pair")).isEqualTo("1h/5m");
    assertThat(e.getJsonArray("links").stream().map(l -> (Object) ((JsonObject) l).getMap()).toList())
        .containsExactly(
        Map.of("href", "https://gh.example/staff/slos/checkout-availability",
            "text", "Staff view: SloErrorBudgetBurn checkout-availability"),
        Map.of("href", "https://runbooks.example/slo", "text", "Runbook: SloErrorBudgetBurn"));
  }

  @Test
  void aLeadingIndicatorsForecastItsIntervalAndModelReachPagerDutyAndSlack() {
    rule.figures.putAll(Map.of("summary", "db-disk of db may reach its capacity of 100 GB within 3h50m",
        "forecast", "1h: 95 [94, 96]; 4h: 98 [97, 101]", "forecast_interval", "80%", "forecast_model", "holt-linear",
        "exhaustion_upper80_at", "2026-03-02T13:50:00Z", "capacity", "100 GB", "staff_url", "/reports/capacity"));
    rule.active.add(Map.of("indicator", "db-disk", "service", "db"));
    engine.cycle().await();
    JsonObject d = last("/v2/enqueue").getJsonObject("payload").getJsonObject("custom_details");
    assertThat(d.getString("forecast")).isEqualTo("1h: 95 [94, 96]; 4h: 98 [97, 101]");
    assertThat(d.getString("forecast_interval")).isEqualTo("80%");
    assertThat(d.getString("forecast_model")).isEqualTo("holt-linear");
    assertThat(d.getString("exhaustion_upper80_at")).isEqualTo("2026-03-02T13:50:00Z");
    JsonArray fields = last("/services/").getJsonArray("blocks").getJsonObject(2).getJsonArray("fields");
    assertThat(fields.stream().map(f -> ((JsonObject) f).getString("text")).toList()).containsSubsequence(
        "*Forecast*\n1h: 95 [94, 96]; 4h: 98 [97, 101]", "*Forecast interval*\n80%", "*Forecast model*\nholt-linear");
  }

  @Test
  void slackGetsBlockKitSectionsWithThePageTextAsFieldsAndAButtonToTheStaffView() {
    rule.figures.putAll(PAGE_TEXT);
    rule.active.add(Map.of("slo", "checkout-availability", "service", "checkout"));
    engine.cycle().await();
    JsonObject msg = last("/services/");
    assertThat(msg.getString("channel")).isEqualTo("#oncall");
    assertThat(msg.getString("text")).startsWith("[FIRING:1] SloErrorBudgetBurn");
    JsonArray blocks = msg.getJsonArray("blocks");
    assertThat(blocks.stream().map(b -> ((JsonObject) b).getString("type")).toList())
        .containsExactly("header", "section", "section", "section", "actions");
    JsonObject header = blocks.getJsonObject(0).getJsonObject("text");
    assertThat(header.getString("type")).isEqualTo("plain_text");
    assertThat(header.getString("text")).isEqualTo(msg.getString("text"));
    JsonObject summary = blocks.getJsonObject(1).getJsonObject("text");
    assertThat(summary.getString("type")).isEqualTo("mrkdwn");
    assertThat(summary.getString("text")).isEqualTo("*Firing* SLO checkout-availability burns its error budget "
        + "28.1× too fast over 1h (&lt;slow&gt; &amp; failing)");
    List<String> fields = new java.util.ArrayList<>();
    for (int i = 2; i <= 3; i++) {
      JsonArray f = blocks.getJsonObject(i).getJsonArray("fields");
      assertThat(f.size()).isLessThanOrEqualTo(10);
      f.forEach(o -> {
        assertThat(((JsonObject) o).getString("type")).isEqualTo("mrkdwn");
        fields.add(((JsonObject) o).getString("text"));
      });
    }
    assertThat(fields).containsExactly("*Window pair*\n1h/5m", "*Burn rate (long window)*\n28.1",
        "*Burn rate (short window)*\n301", "*Burn-rate threshold*\n14.4", "*Budget gone*\n12%",
        "*Budget left*\n88%", "*Runs out at this rate*\n2026-03-03T01:40:00Z",
        "*Runs out at forecast traffic*\n2026-03-03T04:10:00Z", "*SLO target*\n99.9%",
        "*Instances*\ncheckout-7, checkout-9", "*Versions*\n2.4.1 ×2");
    JsonArray buttons = blocks.getJsonObject(4).getJsonArray("elements");
    JsonObject staff = buttons.getJsonObject(0);
    assertThat(staff.getString("type")).isEqualTo("button");
    assertThat(staff.getJsonObject("text").getMap()).isEqualTo(Map.of("type", "plain_text",
        "text", "Open the staff view"));
    assertThat(staff.getString("url")).isEqualTo("https://gh.example/staff/slos/checkout-availability");
    assertThat(staff.getString("style")).isEqualTo("danger");
    assertThat(staff.getString("action_id")).isNotBlank().hasSizeLessThanOrEqualTo(255);
    assertThat(buttons.getJsonObject(1).getString("url")).isEqualTo("https://runbooks.example/slo");
    assertThat(engine.notificationLog().deliveries()).allSatisfy(d -> {
      assertThat(String.valueOf(d.error())).doesNotContain("SECRET");
      assertThat(d.outcome()).isEqualTo("delivered");
    });
  }
}
