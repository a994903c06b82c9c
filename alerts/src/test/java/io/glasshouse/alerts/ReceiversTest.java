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

  @Test
  void slackGetsAReadableMessageWithTheFiguresAndTheStaffLink() {
    rule.active.add(Map.of("slo", "checkout-availability", "service", "checkout"));
    engine.cycle().await();
    JsonObject msg = last("/services/");
    assertThat(msg.getString("channel")).isEqualTo("#oncall");
    JsonObject att = msg.getJsonArray("attachments").getJsonObject(0);
    assertThat(att.getString("title")).startsWith("[FIRING:1] SloErrorBudgetBurn");
    assertThat(att.getString("text")).contains("budget_consumed: 12%").contains("runbooks.example/slo");
    assertThat(engine.notificationLog().deliveries()).allSatisfy(d -> {
      assertThat(String.valueOf(d.error())).doesNotContain("SECRET");
      assertThat(d.outcome()).isEqualTo("delivered");
    });
  }
}
