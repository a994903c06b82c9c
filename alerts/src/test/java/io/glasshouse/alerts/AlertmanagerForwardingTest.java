package io.glasshouse.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.alerts.config.AlertsConfig;
import io.glasshouse.alerts.engine.AlertEngine;
import io.glasshouse.alerts.receiver.Receiver;
import io.glasshouse.alerts.receiver.RetryPolicy;
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
import org.junit.jupiter.api.Test;

/** Forwarding to Alertmanagers as Prometheus does: re-sent while firing, endsAt in the future; then resolved. */
class AlertmanagerForwardingTest {
  Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  @Test
  void firingAlertsAreResentEveryResendDelayToEveryAlertmanagerAndResolvedWithEndsAt() {
    TestReceiver am1 = TestReceiver.start(vertx);
    TestReceiver am2 = TestReceiver.start(vertx);
    ManualClock clock = new ManualClock(Instant.parse("2026-03-02T10:00:00Z"));
    StaticRule rule = new StaticRule(RuleSpec.named("Hot"));
    AlertsConfig c = new AlertsConfig("", Duration.ofSeconds(10), Duration.ofMinutes(1),
        new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(5)), List.of(rule),
        Route.root("none", List.of()), List.of(), Map.of("none", new Receiver("none", List.of())),
        List.of(am1.url(""), am2.url("/")));
    AlertEngine e = AlertEngine.open(vertx, clock, c, new MemoryAlertStore(), new SimpleMeterRegistry()).await();
    rule.active.add(Map.of("service", "api"));
    e.cycle().await();
    assertThat(am1.bodies).hasSize(1);
    assertThat(am2.bodies).hasSize(1);
    assertThat(am1.paths).containsExactly("/api/v2/alerts");
    JsonObject sent = am1.bodies.get(0).getJsonArray("array").getJsonObject(0);
    assertThat(Instant.parse(sent.getString("endsAt"))).as("4 × resend delay ahead")
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(4)));
    clock.add(Duration.ofSeconds(30));
    e.cycle().await();
    assertThat(am1.bodies).as("not before the resend delay").hasSize(1);
    clock.add(Duration.ofSeconds(30));
    e.cycle().await();
    assertThat(am1.bodies).as("re-sent while firing").hasSize(2);

    rule.active.clear();
    clock.add(Duration.ofSeconds(10));
    e.cycle().await();
    assertThat(am1.bodies).hasSize(3);
    JsonObject resolved = am1.bodies.get(2).getJsonArray("array").getJsonObject(0);
    assertThat(Instant.parse(resolved.getString("endsAt"))).isEqualTo(clock.instant());
    am1.close();
    am2.close();
  }
}
