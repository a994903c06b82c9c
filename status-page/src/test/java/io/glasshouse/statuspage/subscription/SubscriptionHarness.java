package io.glasshouse.statuspage.subscription;

import io.glasshouse.rollup.access.AccessToken;
import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.access.Scope;
import io.glasshouse.rollup.status.ComponentDefinition;
import io.glasshouse.rollup.status.ServiceLiveness;
import io.glasshouse.rollup.status.StatusConfig;
import io.glasshouse.rollup.status.StatusEvaluator;
import io.glasshouse.rollup.status.StatusInputs;
import io.glasshouse.rollup.store.sqlite.SqliteStatusStore;
import io.glasshouse.rollup.time.ManualClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Real parts for subscription tests: a status evaluator on SQLite (public checkout and search, private billing)
 * whose snapshots reach {@link Subscriptions} through its listener hook, the subscription routes on a real HTTP
 * server, and a web client.
 */
final class SubscriptionHarness {
  static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  static final String ADMIN = "admin-token-123";
  static final List<ComponentDefinition> COMPONENTS = List.of(
      new ComponentDefinition("checkout", "Checkout", "Placing orders", "APIs", 1, true, List.of("checkout"),
          List.of()),
      new ComponentDefinition("search", "Search", "", "APIs", 2, true, List.of("search"), List.of()),
      new ComponentDefinition("billing", "Billing", "", "Internal", 1, false, List.of("billing"), List.of()));

  final Vertx vertx;
  final Path dir;
  final ManualClock clock = new ManualClock(NOW);
  final AtomicReference<StatusInputs> inputs = new AtomicReference<>(live(3, 2, 1));
  final AtomicReference<Future<Void>> lastStatusDelivery = new AtomicReference<>(Future.succeededFuture());
  final StatusEvaluator evaluator;
  final AccessTokens tokens = AccessTokens.of(List.of(new AccessToken("ops", ADMIN, Set.of(Scope.READ, Scope.ADMIN))),
      Set.of());
  final WebClient client;
  Subscriptions subscriptions;
  int port;

  SubscriptionHarness(Vertx vertx, Path dir, SubscriptionsConfig config) {
    this.vertx = vertx;
    this.dir = dir;
    SqliteStatusStore store = SqliteStatusStore.create(vertx, dir);
    await(store.open());
    evaluator = await(StatusEvaluator.start(vertx, StatusConfig.defaults(COMPONENTS), () -> COMPONENTS,
        () -> Future.succeededFuture(inputs.get()), store, store, clock, false));
    client = WebClient.create(vertx);
    open(config);
    evaluator.onSnapshot(s -> lastStatusDelivery.set(subscriptions.statusChanged(s)));
  }

  /** Opens {@link Subscriptions} on the data folder and serves its routes on a new port. */
  void open(SubscriptionsConfig config) {
    subscriptions = await(Subscriptions.open(vertx, config, dir, clock, new Random(42), evaluator::latest, false));
    Router router = Router.router(vertx);
    SubscriptionRoutes.mount(router, subscriptions, tokens);
    port = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")).actualPort();
  }

  static SubscriptionsConfig config() {
    return SubscriptionsConfig.defaults("https://status.example.com").withAllowPrivateUrls(true);
  }

  /** Live instance counts of checkout, search and billing; 0 puts the component in major outage. */
  static StatusInputs live(int checkout, int search, int billing) {
    return new StatusInputs(Map.of(), Map.of(
        "checkout", new ServiceLiveness("checkout", checkout, true),
        "search", new ServiceLiveness("search", search, true),
        "billing", new ServiceLiveness("billing", billing, true)), Set.of());
  }

  /** Evaluates with these inputs and waits until the deliveries it caused have ended. */
  void evaluate(StatusInputs in) {
    inputs.set(in);
    await(evaluator.evaluate());
    await(lastStatusDelivery.get());
  }

  HttpResponse<Buffer> subscribe(JsonObject body) {
    return await(client.post(port, "127.0.0.1", SubscriptionRoutes.PATH).sendJsonObject(body));
  }

  JsonObject subscribe(String url, String... components) {
    JsonObject body = new JsonObject().put("url", url);
    if (components.length > 0) {
      body.put("components", new io.vertx.core.json.JsonArray(List.of(components)));
    }
    HttpResponse<Buffer> r = subscribe(body);
    if (r.statusCode() != 201) {
      throw new AssertionError("subscribe answered " + r.statusCode() + ": " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
