package io.glasshouse.statuspage.subscription;

import io.glasshouse.rollup.problem.Problem;
import io.glasshouse.rollup.status.ComponentState;
import io.glasshouse.rollup.status.StatusSnapshot;
import io.glasshouse.statuspage.incident.Incident;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customer webhook subscriptions: registering and removing them (kept in {@link SubscriptionStore}), and turning
 * published incident changes ({@link #incidentChanged}) and component status changes ({@link #statusChanged}) into
 * signed deliveries ({@link Deliveries}). Only public components are ever delivered: a change of a private
 * component sends nothing, and private components are left out of incidents. A subscription that lists components
 * gets the changes of those components and the incidents affecting any of them; one that lists none gets
 * everything public. Thread-safe; one per server, shared by every event-loop verticle.
 */
public final class Subscriptions {
  private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);
  private static final SecureRandom SECURE = new SecureRandom();
  /** How often due retries are looked for, when periodic. */
  static final long PUMP_EVERY_MS = 1000;

  private final Vertx vertx;
  private final SubscriptionsConfig config;
  private final SubscriptionStore store;
  private final Clock clock;
  private final Supplier<StatusSnapshot> status;
  private final WebClient client;
  private final Deliveries deliveries;
  private final WebhookPayloads payloads;
  private final RateLimiter limiter;
  private final Map<String, Subscription> byId = new ConcurrentHashMap<>();
  private final AtomicReference<StatusSnapshot> lastSnapshot = new AtomicReference<>();
  private long timer = -1;

  private Subscriptions(Vertx vertx, SubscriptionsConfig config, SubscriptionStore store, Clock clock,
      RandomGenerator random, Supplier<StatusSnapshot> status) {
    this.vertx = vertx;
    this.config = config;
    this.store = store;
    this.clock = clock;
    this.status = status;
    this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis()))
        .setUserAgent("Glasshouse-Webhooks").setKeepAlive(false));
    this.deliveries = new Deliveries(vertx, client, clock, config, random, (id, f) ->
        vertx.executeBlocking(() -> {
          if (byId.containsKey(id)) {
            store.recordFailure(id, f);
          }
          return null;
        }, true).onFailure(e -> LOG.warn("could not record a delivery failure: {}", e.toString())));
    this.payloads = new WebhookPayloads(config);
    this.limiter = new RateLimiter(clock, config.rateBurst(), config.ratePerMinute());
    this.lastSnapshot.set(status.get());
  }

  /**
   * Opens {@code dataDir/subscriptions.db} and loads every subscription with its recorded failures.
   *
   * @param status the latest component status (public components, page status); its value now is the baseline
   *     later {@link #statusChanged} snapshots are compared with
   * @param random jitter for retry backoff
   * @param periodic whether to look for due retries every second (tests pass false and call {@link #pump()})
   */
  public static Future<Subscriptions> open(Vertx vertx, SubscriptionsConfig config, Path dataDir, Clock clock,
      RandomGenerator random, Supplier<StatusSnapshot> status, boolean periodic) {
    return vertx.executeBlocking(() -> {
      SubscriptionStore store = SubscriptionStore.open(dataDir);
      Subscriptions s = new Subscriptions(vertx, config, store, clock, random, status);
      for (Subscription sub : store.all()) {
        s.byId.put(sub.id(), sub);
        s.deliveries.add(sub, store.failures(sub.id()));
      }
      return s;
    }, false).map(s -> {
      if (periodic) {
        s.timer = vertx.setPeriodic(PUMP_EVERY_MS, id -> s.deliveries.pump());
      }
      return s;
    });
  }

  /** A new subscription and what to tell its owner once: the secret and the unsubscribe link. */
  public record Created(Subscription subscription, String unsubscribe) {
  }

  /**
   * Registers {@code url} for {@code components} (empty: everything public). Fails with {@link SubscriptionRefused}
   * (400 naming what to fix, 409 when the limit is reached); nothing is stored then.
   */
  public Future<Created> subscribe(String url, List<String> components) {
    Map<String, ComponentState> pub = publicComponents(status.get());
    for (String c : components) {
      if (!pub.containsKey(c)) {
        return Future.failedFuture(new SubscriptionRefused(Problem.of(400, "bad-subscription", "Bad subscription",
            "components: '" + c + "' is not a component of this page; use ids from /api/v2/components.json, e.g. "
                + String.join(", ", pub.keySet())).with("parameter", "components")));
      }
    }
    return vertx.executeBlocking(() -> {
      Optional<String> refusal = UrlPolicy.check(url, config.allowPrivateUrls());
      if (refusal.isPresent()) {
        throw new SubscriptionRefused(Problem.of(400, "bad-subscription", "Bad subscription", refusal.get())
            .with("parameter", "url"));
      }
      synchronized (this) {
        if (byId.size() >= config.maxSubscriptions()) {
          throw new SubscriptionRefused(Problem.of(409, "too-many-subscriptions", "Too many subscriptions",
              "This page has " + byId.size() + " subscriptions, its limit (subscriptions.max-subscriptions); "
                  + "follow /history.atom or /history.rss instead, or ask the operator to raise the limit."));
        }
        Subscription s = new Subscription("sub_" + hex(8), url, List.copyOf(components), "whsec_" + hex(32),
            token(), clock.instant());
        store.insert(s);
        byId.put(s.id(), s);
        deliveries.add(s, List.of());
        return new Created(s, payloads.unsubscribeLink(s));
      }
    }, false);
  }

  /** The outcome of an unsubscribe call. */
  public enum Removal { REMOVED, NOT_FOUND, WRONG_TOKEN }

  /** Removes {@code id} when {@code token} is its unsubscribe token or {@code admin} is true. */
  public Future<Removal> unsubscribe(String id, String token, boolean admin) {
    Subscription s = byId.get(id);
    if (s == null) {
      return Future.succeededFuture(Removal.NOT_FOUND);
    }
    boolean tokenOk = token != null && MessageDigest.isEqual(s.token().getBytes(StandardCharsets.UTF_8),
        token.getBytes(StandardCharsets.UTF_8));
    if (!admin && !tokenOk) {
      return Future.succeededFuture(Removal.WRONG_TOKEN);
    }
    deliveries.remove(id);
    byId.remove(id);
    return vertx.executeBlocking(() -> store.delete(id) ? Removal.REMOVED : Removal.NOT_FOUND, false);
  }

  /** Every subscription (never its secret or token) with its delivery state, oldest first. */
  public List<JsonObject> list() {
    List<JsonObject> out = new ArrayList<>();
    byId.values().stream().sorted((a, b) -> a.createdAt().compareTo(b.createdAt())).forEach(s -> {
      DeliveryState d = deliveries.state(s.id());
      List<JsonObject> failures = d.lastFailures().stream().map(f -> new JsonObject()
          .put("at", f.at().toString()).put("event", f.event()).put("attempt", f.attempt()).put("error", f.error())
          .put("gaveUp", f.gaveUp())).toList();
      out.add(new JsonObject().put("id", s.id()).put("url", s.url()).put("components", s.components())
          .put("createdAt", s.createdAt().toString())
          .put("delivery", new JsonObject().put("state", d.state()).put("delivered", d.delivered())
              .put("failedAttempts", d.failedAttempts()).put("queued", d.queued())
              .put("lastDeliveredAt", d.lastDeliveredAt() == null ? null : d.lastDeliveredAt().toString())
              .put("nextAttemptAt", d.nextAttemptAt() == null ? null : d.nextAttemptAt().toString())
              .put("lastFailures", failures)));
    });
    return out;
  }

  /** The delivery state of one subscription. */
  public DeliveryState deliveryState(String id) {
    return deliveries.state(id);
  }

  public int count() {
    return byId.size();
  }

  /** The shared per-address limiter of the subscription endpoints. */
  public RateLimiter limiter() {
    return limiter;
  }

  public SubscriptionsConfig config() {
    return config;
  }

  /**
   * A published incident or maintenance was created or changed: queues it for every subscription following it and
   * sends at once. The future completes when those first attempts have ended (tests wait on it); never fails.
   */
  public Future<Void> incidentChanged(Incident incident) {
    StatusSnapshot snapshot = status.get();
    Map<String, ComponentState> pub = publicComponents(snapshot);
    List<String> affected = incident.components().keySet().stream().filter(pub::containsKey).toList();
    String event = "incident." + incident.id() + "." + incident.updatedAt().toEpochMilli();
    for (Subscription s : byId.values()) {
      if (s.followsAll() || s.components().stream().anyMatch(affected::contains)) {
        deliveries.enqueue(s.id(), event, bytes(payloads.incident(s, incident, snapshot)));
      }
    }
    return deliveries.pump();
  }

  /**
   * A new status snapshot: every public component whose status differs from the previous snapshot's is delivered
   * to the subscriptions following it. Private components never are. Completes like {@link #incidentChanged}.
   */
  public Future<Void> statusChanged(StatusSnapshot snapshot) {
    StatusSnapshot before = lastSnapshot.getAndSet(snapshot);
    if (before == null) {
      return Future.succeededFuture();
    }
    Instant at = snapshot.at();
    for (ComponentState now : snapshot.components()) {
      Optional<ComponentState> was = before.component(now.id());
      if (!now.component().isPublic() || was.isEmpty() || was.get().status() == now.status()) {
        continue;
      }
      String event = "component." + now.id() + "." + at.toEpochMilli();
      for (Subscription s : byId.values()) {
        if (s.followsAll() || s.components().contains(now.id())) {
          deliveries.enqueue(s.id(), event,
              bytes(payloads.componentUpdate(s, event, now, was.get().status(), snapshot, at)));
        }
      }
    }
    return deliveries.pump();
  }

  /** Sends every retry that is due by the clock; completes when they have ended. */
  public Future<Void> pump() {
    return deliveries.pump();
  }

  /** Stops the retry timer and closes the store; undelivered events are not kept. */
  public Future<Void> close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    client.close();
    return vertx.executeBlocking(() -> {
      store.close();
      return null;
    }, false);
  }

  /** The snapshot's public components by id, in page order. */
  static Map<String, ComponentState> publicComponents(StatusSnapshot snapshot) {
    Map<String, ComponentState> out = new LinkedHashMap<>();
    for (ComponentState c : snapshot.components()) {
      if (c.component().isPublic()) {
        out.put(c.id(), c);
      }
    }
    return out;
  }

  private static byte[] bytes(JsonObject o) {
    return o.encode().getBytes(StandardCharsets.UTF_8);
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    SECURE.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static String token() {
    byte[] b = new byte[24];
    SECURE.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
