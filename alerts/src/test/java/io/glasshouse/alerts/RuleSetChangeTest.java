package io.glasshouse.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.alerts.config.AlertRuleKind;
import io.glasshouse.alerts.config.AlertsConfig;
import io.glasshouse.alerts.config.RuleSources;
import io.glasshouse.alerts.engine.AlertEngine;
import io.glasshouse.alerts.receiver.Receiver;
import io.glasshouse.alerts.receiver.RetryPolicy;
import io.glasshouse.alerts.receiver.WebhookIntegration;
import io.glasshouse.alerts.route.Route;
import io.glasshouse.alerts.rule.RuleSpec;
import io.glasshouse.alerts.state.Alert;
import io.glasshouse.alerts.state.AlertState;
import io.glasshouse.alerts.store.MemoryAlertStore;
import io.glasshouse.rollup.config.FieldError;
import io.glasshouse.rollup.config.InvalidConfigException;
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

/** The rule set changes at run time (the config API's alert-rule kind) without losing the state of kept rules. */
class RuleSetChangeTest {
  Vertx vertx;
  TestReceiver hook;
  final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T10:00:00Z"));
  final StaticRule firing = new StaticRule(RuleSpec.named("Firing"));
  final StaticRule pending = new StaticRule(RuleSpec.named("Pending").withFor(Duration.ofMinutes(10)));
  final StaticRule gone = new StaticRule(RuleSpec.named("Gone"));
  AlertEngine engine;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    hook = TestReceiver.start(vertx);
    Route root = new Route("{}", "hook", List.of(), List.of("alertname"), false, false, Duration.ZERO,
        Duration.ofMinutes(1), Duration.ofHours(4), List.of());
    AlertsConfig c = new AlertsConfig("", Duration.ofSeconds(10), Duration.ofMinutes(1), RetryPolicy.DEFAULT,
        List.of(firing, pending, gone), root, List.of(), Map.of("hook", new Receiver("hook",
            List.of(new WebhookIntegration("hook", hook.url("/hook"), true, 0)))), List.of());
    engine = AlertEngine.open(vertx, clock, c, new MemoryAlertStore(), new SimpleMeterRegistry()).await();
  }

  @AfterEach
  void tearDown() {
    engine.close();
    hook.close();
    vertx.close().await();
  }

  Alert alert(String rule) {
    return engine.alerts().stream().filter(a -> a.rule().equals(rule)).findFirst().orElse(null);
  }

  @Test
  void keptRulesKeepTheirPendingAndFiringStateAcrossARuleSetChangeAndRemovedRulesResolve() {
    firing.active.add(Map.of("service", "checkout"));
    pending.active.add(Map.of("service", "search"));
    gone.active.add(Map.of("service", "cart"));
    engine.cycle().await();
    clock.add(Duration.ofMinutes(5));
    engine.cycle().await();
    Alert firingBefore = alert("Firing");
    Alert pendingBefore = alert("Pending");
    assertThat(firingBefore.state()).isEqualTo(AlertState.FIRING);
    assertThat(pendingBefore.state()).isEqualTo(AlertState.PENDING);
    int delivered = hook.bodies.size();

    StaticRule added = new StaticRule(RuleSpec.named("Added"));
    engine.replaceRules(List.of(firing, pending, added));
    clock.add(Duration.ofMinutes(6));
    engine.cycle().await();

    assertThat(alert("Firing").state()).isEqualTo(AlertState.FIRING);
    assertThat(alert("Firing").startsAt()).as("firing since before the change").isEqualTo(firingBefore.startsAt());
    assertThat(alert("Pending").state()).as("pending 11 minutes in all, past its 10-minute for")
        .isEqualTo(AlertState.FIRING);
    assertThat(alert("Pending").activeAt()).isEqualTo(pendingBefore.activeAt());
    assertThat(alert("Gone").state()).as("a removed rule's alert resolves").isEqualTo(AlertState.RESOLVED);
    assertThat(engine.rules()).extracting(r -> r.name()).containsExactly("Firing", "Pending", "Added");
    // the kept firing alert is not paged again: new notifications are the pending one firing and the resolution
    assertThat(hook.bodies.subList(delivered, hook.bodies.size()))
        .noneMatch(b -> b.getString("status").equals("firing")
            && b.getJsonObject("commonLabels").getString("alertname").equals("Firing"));
  }

  @Test
  void anAlertRuleObjectIsValidatedNamingTheField() {
    AlertRuleKind kind = new AlertRuleKind(new RuleSources(null, null, null));
    JsonObject bad = new JsonObject().put("name", "Latency").put("kind", "threshold").put("service", "checkout")
        .put("metric", "http_server_duration").put("fn", "p99").put("value", "fast");
    try {
      kind.fromJson(bad);
      throw new AssertionError("accepted");
    } catch (InvalidConfigException e) {
      assertThat(e.errors()).extracting(FieldError::field).containsExactly("value");
    }
    JsonObject window = new JsonObject().put("name", "NoData").put("kind", "sli-no-data").put("slo", "a")
        .put("window", "7m");
    try {
      kind.fromJson(window);
      throw new AssertionError("accepted");
    } catch (InvalidConfigException e) {
      assertThat(e.errors()).extracting(FieldError::field).containsExactly("window");
    }
    JsonObject ok = new JsonObject().put("name", "NoData").put("kind", "sli-no-data").put("slo", "a");
    assertThat(kind.toJson(kind.fromJson(ok))).isEqualTo(ok);
    assertThat(kind.fromJson(ok).rule().spec().forDuration()).as("default for").isEqualTo(Duration.ofMinutes(10));
  }
}
