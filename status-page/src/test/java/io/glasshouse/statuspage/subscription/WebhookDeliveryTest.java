package io.glasshouse.statuspage.subscription;

import static io.glasshouse.statuspage.subscription.SubscriptionHarness.await;
import static io.glasshouse.statuspage.subscription.SubscriptionHarness.live;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.statuspage.feed.Incidents;
import io.glasshouse.statuspage.feed.InMemoryIncidentLog;
import io.glasshouse.statuspage.incident.Incident;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Deliveries to real HTTP receivers: signed, Statuspage-shaped, retried, public only. */
@ExtendWith(VertxExtension.class)
class WebhookDeliveryTest {
  static final Duration TOLERANCE = WebhookSignature.DEFAULT_TOLERANCE;

  @Test
  void incidentDeliveryIsSignedAndShapedLikeStatuspage(Vertx vertx, @TempDir Path dir) {
    SubscriptionHarness h = new SubscriptionHarness(vertx, dir, SubscriptionHarness.config());
    Receiver receiver = await(new Receiver().start(vertx));
    JsonObject created = h.subscribe(receiver.url());
    String secret = created.getString("secret");
    InMemoryIncidentLog log = new InMemoryIncidentLog();
    AtomicReference<Future<Void>> delivered = new AtomicReference<>();
    log.onChange(i -> delivered.set(h.subscriptions.incidentChanged(i)));

    log.publish(Incidents.incident("inc1", "Checkout errors", h.clock.instant(), "Looking into it.", "checkout",
        "billing"));
    await(delivered.get());

    assertThat(receiver.deliveries()).hasSize(1);
    Receiver.Delivery d = receiver.deliveries().get(0);
    assertThat(d.headers().get("Content-Type")).isEqualTo("application/json");
    byte[] body = d.body().getBytes();
    Instant now = h.clock.instant();
    assertThat(WebhookSignature.verify(secret, d.signature(), body, now, TOLERANCE)).isTrue();
    byte[] tampered = d.body().toString().replace("Checkout errors", "All fine").getBytes();
    assertThat(WebhookSignature.verify(secret, d.signature(), tampered, now, TOLERANCE)).isFalse();
    assertThat(WebhookSignature.verify(secret, d.signature(), body, now.plus(Duration.ofMinutes(6)), TOLERANCE))
        .as("a replay six minutes later").isFalse();

    JsonObject json = d.json();
    assertThat(json.getJsonObject("meta").getString("unsubscribe")).isEqualTo(created.getString("unsubscribe"));
    assertThat(json.getJsonObject("meta").getString("documentation")).isNotBlank();
    assertThat(json.getJsonObject("page").fieldNames()).containsExactlyInAnyOrder("id", "status_indicator",
        "status_description");
    assertThat(json.getJsonObject("page").getString("status_indicator")).isEqualTo("none");
    JsonObject incident = json.getJsonObject("incident");
    assertThat(incident.getString("id")).isEqualTo("inc1");
    assertThat(incident.getString("status")).isEqualTo("investigating");
    assertThat(incident.getString("impact")).isEqualTo("major");
    assertThat(incident.getString("shortlink")).isEqualTo("https://status.example.com/status/incidents/inc1");
    JsonObject update = incident.getJsonArray("incident_updates").getJsonObject(0);
    assertThat(update.getString("body")).isEqualTo("Looking into it.");
    assertThat(update.getString("incident_id")).isEqualTo("inc1");
    assertThat(update.getJsonArray("affected_components")).hasSize(1);
    assertThat(incident.getJsonArray("components")).hasSize(1);
    assertThat(incident.getJsonArray("components").getJsonObject(0).getString("id")).isEqualTo("checkout");
    assertThat(d.body().toString()).as("the private component never leaves").doesNotContain("billing", "Billing");
  }

  @Test
  void publicComponentStatusChangesAreDeliveredAndPrivateOnesNever(Vertx vertx, @TempDir Path dir) {
    SubscriptionHarness h = new SubscriptionHarness(vertx, dir, SubscriptionHarness.config());
    Receiver all = await(new Receiver().start(vertx));
    Receiver searchOnly = await(new Receiver().start(vertx));
    String secret = h.subscribe(all.url()).getString("secret");
    h.subscribe(searchOnly.url(), "search");

    h.clock.add(Duration.ofSeconds(10));
    h.evaluate(live(3, 2, 0)); // billing (private) has no live instance
    assertThat(all.deliveries()).isEmpty();

    h.clock.add(Duration.ofSeconds(10));
    h.evaluate(live(0, 2, 0)); // checkout down
    assertThat(all.deliveries()).hasSize(1);
    assertThat(searchOnly.deliveries()).as("follows search only").isEmpty();
    Receiver.Delivery d = all.deliveries().get(0);
    assertThat(WebhookSignature.verify(secret, d.signature(), d.body().getBytes(), h.clock.instant(), TOLERANCE))
        .isTrue();
    JsonObject update = d.json().getJsonObject("component_update");
    assertThat(update.getString("component_id")).isEqualTo("checkout");
    assertThat(update.getString("old_status")).isEqualTo("operational");
    assertThat(update.getString("new_status")).isEqualTo("major_outage");
    assertThat(update.getString("created_at")).isEqualTo(h.clock.instant().toString());
    assertThat(update.getString("id")).isNotBlank();
    assertThat(d.json().getJsonObject("component").getString("name")).isEqualTo("Checkout");
    assertThat(d.json().getJsonObject("page").getString("status_indicator")).isNotEqualTo("none");
    assertThat(d.body().toString()).doesNotContain("billing");
  }

  @Test
  void unsubscribingStopsDeliveries(Vertx vertx, @TempDir Path dir) {
    SubscriptionHarness h = new SubscriptionHarness(vertx, dir, SubscriptionHarness.config());
    Receiver receiver = await(new Receiver().start(vertx));
    JsonObject created = h.subscribe(receiver.url());
    Incident inc = Incidents.incident("inc1", "Checkout errors", h.clock.instant(), "Looking.", "checkout");
    await(h.subscriptions.incidentChanged(inc));
    assertThat(receiver.deliveries()).hasSize(1);

    String link = created.getString("unsubscribe");
    String pathAndQuery = link.substring("https://status.example.com".length());
    assertThat(await(h.client.delete(h.port, "127.0.0.1", pathAndQuery).send()).statusCode()).isEqualTo(204);

    await(h.subscriptions.incidentChanged(Incidents.update(inc,
        io.glasshouse.statuspage.incident.IncidentStatus.RESOLVED, "Fixed.", Duration.ofMinutes(5))));
    assertThat(receiver.deliveries()).hasSize(1);
  }

  @Test
  void failedDeliveriesAreRetriedWithBackoffOnTheClockThenGivenUp(Vertx vertx, @TempDir Path dir) {
    SubscriptionsConfig config = SubscriptionsConfig.fromJson(new JsonObject().put("initial-backoff", "10s")
        .put("max-backoff", "1h").put("max-attempts", 3), "https://status.example.com").withAllowPrivateUrls(true);
    SubscriptionHarness h = new SubscriptionHarness(vertx, dir, config);
    Receiver receiver = await(new Receiver().start(vertx));
    receiver.status.set(500);
    String id = h.subscribe(receiver.url()).getString("id");

    await(h.subscriptions.incidentChanged(Incidents.incident("inc1", "Errors", h.clock.instant(), "x", "checkout")));
    assertThat(receiver.deliveries()).hasSize(1);
    DeliveryState afterFirst = h.subscriptions.deliveryState(id);
    assertThat(afterFirst.state()).isEqualTo("retrying");
    assertThat(afterFirst.lastFailures()).extracting(DeliveryFailure::error).containsExactly("HTTP 500");
    // retry 1 waits between 5 s and 10 s (b = 10 s, drawn from [b/2, b])
    Instant first = h.clock.instant();
    assertThat(afterFirst.nextAttemptAt()).isBetween(first.plusSeconds(5), first.plusSeconds(10));

    h.clock.add(Duration.ofMillis(4999));
    await(h.subscriptions.pump());
    assertThat(receiver.deliveries()).as("not before b/2").hasSize(1);
    h.clock.set(first.plusSeconds(10));
    await(h.subscriptions.pump());
    assertThat(receiver.deliveries()).as("by b").hasSize(2);

    // retry 2: b = 20 s
    Instant second = h.clock.instant();
    assertThat(h.subscriptions.deliveryState(id).nextAttemptAt()).isBetween(second.plusSeconds(10),
        second.plusSeconds(20));
    h.clock.add(Duration.ofMillis(9999));
    await(h.subscriptions.pump());
    assertThat(receiver.deliveries()).hasSize(2);
    h.clock.set(second.plusSeconds(20));
    await(h.subscriptions.pump());
    assertThat(receiver.deliveries()).hasSize(3);

    // three attempts: given up
    h.clock.add(Duration.ofHours(2));
    await(h.subscriptions.pump());
    assertThat(receiver.deliveries()).hasSize(3);
    DeliveryState last = h.subscriptions.deliveryState(id);
    assertThat(last.state()).isEqualTo("failing");
    assertThat(last.queued()).isZero();
    assertThat(last.failedAttempts()).isEqualTo(3);
    assertThat(last.lastFailures().get(0).gaveUp()).isTrue();
    assertThat(last.lastFailures()).extracting(DeliveryFailure::attempt).containsExactly(3, 2, 1);
    // every attempt was signed afresh, so each verifies at the time it was sent
    assertThat(receiver.deliveries()).extracting(Receiver.Delivery::signature).doesNotHaveDuplicates();
  }

  @Test
  void backoffCeilingDoublesUpToTheMaximum() {
    SubscriptionsConfig c = SubscriptionsConfig.fromJson(new JsonObject().put("initial-backoff", "10s")
        .put("max-backoff", "1m"), "https://status.example.com");
    assertThat(Deliveries.backoffCeiling(c, 1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(Deliveries.backoffCeiling(c, 2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(Deliveries.backoffCeiling(c, 3)).isEqualTo(Duration.ofSeconds(40));
    assertThat(Deliveries.backoffCeiling(c, 4)).isEqualTo(Duration.ofMinutes(1));
    assertThat(Deliveries.backoffCeiling(c, 60)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aHangingReceiverDoesNotHoldBackOthers(Vertx vertx, @TempDir Path dir) {
    SubscriptionHarness h = new SubscriptionHarness(vertx, dir, SubscriptionHarness.config());
    Receiver hanging = await(new Receiver().start(vertx));
    hanging.status.set(0);
    Receiver healthy = await(new Receiver().start(vertx));
    String stuck = h.subscribe(hanging.url()).getString("id");
    String fine = h.subscribe(healthy.url()).getString("id");

    // not awaited: the hanging receiver's attempt lasts until subscriptions.timeout
    h.subscriptions.incidentChanged(Incidents.incident("inc1", "Errors", h.clock.instant(), "x", "checkout"));
    await(io.vertx.core.Future.future(p -> poll(vertx, () -> h.subscriptions.deliveryState(fine).delivered() == 1
        && hanging.deliveries().size() == 1, p)));
    assertThat(healthy.deliveries()).hasSize(1);
    DeliveryState waiting = h.subscriptions.deliveryState(stuck);
    assertThat(waiting.delivered()).as("still unanswered").isZero();
    assertThat(waiting.queued()).isEqualTo(1);
  }

  /** Completes {@code p} once {@code condition} holds, checking on a Vert.x timer. */
  static void poll(Vertx vertx, java.util.function.BooleanSupplier condition, io.vertx.core.Promise<Object> p) {
    if (condition.getAsBoolean()) {
      p.complete();
    } else {
      vertx.setTimer(20, t -> poll(vertx, condition, p));
    }
  }
}
