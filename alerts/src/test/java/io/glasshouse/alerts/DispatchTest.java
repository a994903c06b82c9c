package io.glasshouse.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.alerts.config.AlertsConfig;
import io.glasshouse.alerts.engine.AlertEngine;
import io.glasshouse.alerts.nflog.Delivery;
import io.glasshouse.alerts.receiver.Receiver;
import io.glasshouse.alerts.receiver.RetryPolicy;
import io.glasshouse.alerts.receiver.WebhookIntegration;
import io.glasshouse.alerts.route.InhibitRule;
import io.glasshouse.alerts.route.Matcher;
import io.glasshouse.alerts.route.Route;
import io.glasshouse.alerts.rule.RuleSpec;
import io.glasshouse.alerts.store.AlertStore;
import io.glasshouse.alerts.store.MemoryAlertStore;
import io.glasshouse.alerts.store.SqliteAlertStore;
import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grouping, inhibition, silences, repeat interval, restart and retries, each against a local test receiver. */
class DispatchTest {
  static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  Vertx vertx;
  TestReceiver hook;
  ManualClock clock;
  SimpleMeterRegistry registry;
  StaticRule rule;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    hook = TestReceiver.start(vertx);
    clock = new ManualClock(T0);
    registry = new SimpleMeterRegistry();
    rule = new StaticRule(RuleSpec.named("HighLatency"));
  }

  @AfterEach
  void tearDown() {
    hook.close();
    vertx.close().await();
  }

  AlertsConfig config(List<InhibitRule> inhibit, Duration repeat, RetryPolicy retry) {
    Route root = new Route("{}", "hook", List.of(), List.of("service"), false, false, Duration.ofSeconds(30),
        Duration.ofMinutes(5), repeat, List.of());
    return new AlertsConfig("http://glasshouse.test", Duration.ofSeconds(10), Duration.ofMinutes(1), retry,
        List.of(rule), root, inhibit, Map.of("hook", new Receiver("hook",
            List.of(new WebhookIntegration("hook", hook.url("/hook"), true, 0)))), List.of());
  }

  AlertEngine engine(AlertsConfig c, AlertStore store) {
    return AlertEngine.open(vertx, clock, c, store, registry).await();
  }

  void advance(AlertEngine e, Duration by, Duration step) {
    for (long t = 0; t < by.toMillis(); t += step.toMillis()) {
      clock.add(step);
      drive(e.cycle());
    }
  }

  /**
   * Awaits {@code f} while moving the clock on in small steps, so that retry pauses (measured on the clock) pass.
   */
  <T> T drive(io.vertx.core.Future<T> f) {
    while (!f.isComplete()) {
      clock.add(Duration.ofMillis(1));
      try {
        f.toCompletionStage().toCompletableFuture().get(20, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        // a retry pause is still running: move the clock again
      } catch (Exception e) {
        break;
      }
    }
    return f.await();
  }

  static RetryPolicy fastRetry() {
    return new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5));
  }

  @Test
  void alertsOfOneServiceAreGroupedIntoOneNotificationAfterGroupWait() {
    AlertEngine e = engine(config(List.of(), Duration.ofHours(4), fastRetry()), new MemoryAlertStore());
    rule.active.add(Map.of("service", "checkout", "route", "/pay"));
    rule.active.add(Map.of("service", "checkout", "route", "/cart"));
    rule.active.add(Map.of("service", "search", "route", "/q"));
    drive(e.cycle());
    advance(e, Duration.ofSeconds(20), Duration.ofSeconds(10));
    assertThat(hook.bodies).as("nothing before group_wait").isEmpty();
    advance(e, Duration.ofSeconds(10), Duration.ofSeconds(10));
    assertThat(hook.bodies).hasSize(2);
    JsonObject checkout = hook.bodies.stream().filter(b -> b.getJsonObject("groupLabels").getString("service")
        .equals("checkout")).findFirst().orElseThrow();
    assertThat(checkout.getJsonArray("alerts")).hasSize(2);
    assertThat(checkout.getJsonObject("commonLabels").getMap()).containsEntry("alertname", "HighLatency")
        .containsEntry("service", "checkout").doesNotContainKey("route");
    advance(e, Duration.ofMinutes(10), Duration.ofSeconds(10));
    assertThat(hook.bodies).as("deduplicated: nothing new").hasSize(2);
  }

  @Test
  void aFiringSourceInhibitsTargetsWithEqualLabels() {
    InhibitRule inhibit = new InhibitRule(List.of(Matcher.parse("severity=page")),
        List.of(Matcher.parse("severity=ticket")), List.of("service"));
    AlertEngine e = engine(config(List.of(inhibit), Duration.ofHours(4), fastRetry()), new MemoryAlertStore());
    rule.active.add(Map.of("service", "checkout", "severity", "page"));
    rule.active.add(Map.of("service", "checkout", "severity", "ticket"));
    rule.active.add(Map.of("service", "search", "severity", "ticket"));
    drive(e.cycle());
    advance(e, Duration.ofSeconds(30), Duration.ofSeconds(10));
    List<String> severities = hook.bodies.stream().flatMap(b -> b.getJsonArray("alerts").stream())
        .map(a -> ((JsonObject) a).getJsonObject("labels").getString("service") + "/"
            + ((JsonObject) a).getJsonObject("labels").getString("severity")).toList();
    assertThat(severities).containsExactlyInAnyOrder("checkout/page", "search/ticket");
  }

  @Test
  void aSilencedAlertIsNotNotifiedUntilTheSilenceExpires() {
    AlertEngine e = engine(config(List.of(), Duration.ofHours(4), fastRetry()), new MemoryAlertStore());
    var silence = e.createSilence(List.of(Matcher.parse("service=checkout")), null, T0.plus(Duration.ofHours(1)),
        "alice", "deploying").await();
    rule.active.add(Map.of("service", "checkout"));
    drive(e.cycle());
    advance(e, Duration.ofMinutes(20), Duration.ofSeconds(10));
    assertThat(hook.bodies).isEmpty();
    assertThat(e.mutedBy(e.firing().get(0))).contains("silenced by " + silence.id());
    e.expireSilence(silence.id()).await();
    advance(e, Duration.ofMinutes(5), Duration.ofSeconds(10));
    assertThat(hook.bodies).hasSize(1);
  }

  @Test
  void anUnchangedGroupIsNotifiedAgainOnlyAfterTheRepeatInterval() {
    AlertEngine e = engine(config(List.of(), Duration.ofHours(1), fastRetry()), new MemoryAlertStore());
    rule.active.add(Map.of("service", "checkout"));
    drive(e.cycle());
    advance(e, Duration.ofSeconds(30), Duration.ofSeconds(10));
    assertThat(hook.bodies).hasSize(1);
    advance(e, Duration.ofMinutes(55), Duration.ofMinutes(1));
    assertThat(hook.bodies).hasSize(1);
    advance(e, Duration.ofMinutes(10), Duration.ofMinutes(1));
    assertThat(hook.bodies).hasSize(2);
  }

  @Test
  void whenTheConditionEndsTheGroupIsNotifiedResolvedOnce() {
    AlertEngine e = engine(config(List.of(), Duration.ofHours(4), fastRetry()), new MemoryAlertStore());
    rule.active.add(Map.of("service", "checkout"));
    drive(e.cycle());
    advance(e, Duration.ofSeconds(30), Duration.ofSeconds(10));
    rule.active.clear();
    advance(e, Duration.ofMinutes(30), Duration.ofSeconds(30));
    assertThat(hook.bodies).hasSize(2);
    JsonObject resolved = hook.bodies.get(1);
    assertThat(resolved.getString("status")).isEqualTo("resolved");
    assertThat(resolved.getJsonArray("alerts").getJsonObject(0).getString("endsAt")).isNotEqualTo(
        "0001-01-01T00:00:00Z");
  }

  @Test
  void aRestartNeverRepagesForADeliveredAlertAndDeliversOneThatFiredWhileDown(@TempDir Path dir) {
    AlertsConfig c = config(List.of(), Duration.ofHours(4), fastRetry());
    AlertStore store = SqliteAlertStore.open(dir);
    AlertEngine first = engine(c, store);
    rule.active.add(Map.of("service", "checkout"));
    drive(first.cycle());
    advance(first, Duration.ofSeconds(30), Duration.ofSeconds(10));
    assertThat(hook.bodies).hasSize(1);
    first.close();
    store.close();

    clock.add(Duration.ofMinutes(10));
    rule.active.add(Map.of("service", "search"));
    AlertStore reopened = SqliteAlertStore.open(dir);
    AlertEngine second = engine(c, reopened);
    assertThat(second.firing()).as("firing alerts are read back").hasSize(1);
    advance(second, Duration.ofMinutes(30), Duration.ofSeconds(10));
    assertThat(hook.bodies).hasSize(2);
    assertThat(hook.bodies.get(1).getJsonObject("groupLabels").getString("service")).isEqualTo("search");
    assertThat(second.notificationLog().deliveries()).hasSizeGreaterThanOrEqualTo(2);
    second.close();
    reopened.close();
  }

  @Test
  void aFailingReceiverIsRetriedWithBackoffAndTheFailuresAreMeteredAndLogged() {
    AlertEngine e = engine(config(List.of(), Duration.ofHours(4), fastRetry()), new MemoryAlertStore());
    hook.failNext.set(2);
    rule.active.add(Map.of("service", "checkout"));
    drive(e.cycle());
    advance(e, Duration.ofSeconds(30), Duration.ofSeconds(10));
    assertThat(hook.bodies).hasSize(1);
    assertThat(hook.requests.get()).isEqualTo(3);
    Delivery d = e.notificationLog().deliveries().get(0);
    assertThat(d.outcome()).isEqualTo("delivered");
    assertThat(d.attempts()).isEqualTo(3);
    assertThat(registry.counter("glasshouse.alerts.notification.attempts.failed", "receiver", "hook",
        "integration", "webhook").count()).isEqualTo(2);
  }

  @Test
  void aNotificationThatFailsEveryAttemptIsLoggedWithoutTheUrlAndTriedAgainLater() {
    AlertEngine e = engine(config(List.of(), Duration.ofHours(4), fastRetry()), new MemoryAlertStore());
    hook.failNext.set(4);
    rule.active.add(Map.of("service", "checkout"));
    drive(e.cycle());
    advance(e, Duration.ofSeconds(30), Duration.ofSeconds(10));
    assertThat(hook.bodies).isEmpty();
    Delivery d = e.notificationLog().deliveries().get(0);
    assertThat(d.outcome()).isEqualTo("failed");
    assertThat(d.error()).isEqualTo("HTTP 503").doesNotContain("127.0.0.1");
    assertThat(registry.counter("glasshouse.alerts.notifications", "receiver", "hook", "integration", "webhook",
        "outcome", "failed").count()).isEqualTo(1);
    advance(e, Duration.ofMinutes(5), Duration.ofSeconds(10));
    assertThat(hook.bodies).as("the next group_interval tries again").hasSize(1);
  }

  @Test
  void oneFailingIntegrationDoesNotMakeTheOtherIntegrationsOfTheReceiverNotifyTwice() {
    TestReceiver second = TestReceiver.start(vertx);
    Route root = new Route("{}", "hook", List.of(), List.of("service"), false, false, Duration.ofSeconds(30),
        Duration.ofMinutes(5), Duration.ofHours(4), List.of());
    AlertsConfig c = new AlertsConfig("", Duration.ofSeconds(10), Duration.ofMinutes(1), fastRetry(), List.of(rule),
        root, List.of(), Map.of("hook", new Receiver("hook", List.of(
            new WebhookIntegration("hook", hook.url("/hook"), true, 0),
            new WebhookIntegration("hook", second.url("/other"), true, 0)))), List.of());
    AlertEngine e = engine(c, new MemoryAlertStore());
    second.failNext.set(4);
    rule.active.add(Map.of("service", "checkout"));
    drive(e.cycle());
    advance(e, Duration.ofSeconds(30), Duration.ofSeconds(10));
    assertThat(second.bodies).isEmpty();
    advance(e, Duration.ofMinutes(5), Duration.ofSeconds(10));
    assertThat(second.bodies).as("the failed integration is tried again").hasSize(1);
    assertThat(hook.bodies).as("the delivered one is not notified twice").hasSize(1);
    second.close();
  }
}
