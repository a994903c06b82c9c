package io.glasshouse.statuspage.subscription;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.codec.BodyCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends signed deliveries, one lane per subscription: events go out in order, one attempt in flight per
 * subscription, so a slow or hanging receiver holds back only its own lane (each attempt is bounded by
 * {@code subscriptions.timeout}) and never another subscription's. A failed attempt (not 2xx, redirects included,
 * a timeout, a refused connection or address) is retried after an exponential backoff with jitter on the injected
 * clock: before retry {@code n} the wait is drawn evenly from {@code [b/2, b]} where
 * {@code b = min(max-backoff, initial-backoff × 2^(n-1))}; after {@code max-attempts} the event is given up. Every
 * failure is recorded. Attempts fall due by the clock; {@link #pump()} sends those due (the owner calls it
 * periodically and on every new event).
 */
final class Deliveries {
  private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
  static final int KEEP_FAILURES = SubscriptionStore.KEEP_FAILURES;

  private final Vertx vertx;
  private final WebClient client;
  private final Clock clock;
  private final SubscriptionsConfig config;
  private final RandomGenerator random;
  private final BiConsumer<String, DeliveryFailure> failures;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

  /** An event waiting for one subscription. */
  private static final class Pending {
    final String event;
    final byte[] body;
    int attempts;
    Instant dueAt;

    Pending(String event, byte[] body, Instant dueAt) {
      this.event = event;
      this.body = body;
      this.dueAt = dueAt;
    }
  }

  /** One subscription's queue and figures; guarded by itself. */
  private static final class Lane {
    final Subscription subscription;
    final Deque<Pending> queue = new ArrayDeque<>();
    final LinkedList<DeliveryFailure> recent = new LinkedList<>();
    boolean inFlight;
    boolean removed;
    long delivered;
    long failedAttempts;
    boolean gaveUpLast;
    Instant lastDeliveredAt;

    Lane(Subscription subscription, List<DeliveryFailure> stored) {
      this.subscription = subscription;
      recent.addAll(stored);
    }
  }

  /**
   * @param failures told of every failure (to persist it); called off the lane's lock, must not block
   */
  Deliveries(Vertx vertx, WebClient client, Clock clock, SubscriptionsConfig config, RandomGenerator random,
      BiConsumer<String, DeliveryFailure> failures) {
    this.vertx = vertx;
    this.client = client;
    this.clock = clock;
    this.config = config;
    this.random = random;
    this.failures = failures;
  }

  void add(Subscription s, List<DeliveryFailure> storedFailures) {
    lanes.put(s.id(), new Lane(s, storedFailures));
  }

  /** Stops every delivery to {@code id}: queued events are dropped, an attempt in flight is not retried. */
  void remove(String id) {
    Lane lane = lanes.remove(id);
    if (lane != null) {
      synchronized (lane) {
        lane.removed = true;
        lane.queue.clear();
      }
    }
  }

  /** Queues {@code body} for {@code subscriptionId}, due now; drops the oldest event over the queue limit. */
  void enqueue(String subscriptionId, String event, byte[] body) {
    Lane lane = lanes.get(subscriptionId);
    if (lane == null) {
      return;
    }
    DeliveryFailure dropped = null;
    synchronized (lane) {
      lane.queue.add(new Pending(event, body, clock.instant()));
      if (lane.queue.size() > config.queueLimit()) {
        Pending old = lane.inFlight ? removeSecond(lane.queue) : lane.queue.poll();
        dropped = new DeliveryFailure(clock.instant(), old.event, old.attempts, "dropped: more than "
            + config.queueLimit() + " events waiting (subscriptions.queue-limit)", true);
        remember(lane, dropped);
      }
    }
    if (dropped != null) {
      failures.accept(subscriptionId, dropped);
    }
  }

  private static Pending removeSecond(Deque<Pending> q) {
    Pending head = q.poll();
    Pending second = q.poll();
    q.addFirst(head);
    return second;
  }

  /** Sends every attempt due by the clock; completes when they (and any that fall due meanwhile) have ended. */
  Future<Void> pump() {
    List<Future<Void>> running = new ArrayList<>();
    for (Lane lane : lanes.values()) {
      Pending next = claim(lane);
      if (next != null) {
        running.add(attempt(lane, next));
      }
    }
    return Future.join(running).mapEmpty();
  }

  /** The lane's head if due and nothing is in flight, marking it in flight. */
  private Pending claim(Lane lane) {
    synchronized (lane) {
      Pending head = lane.queue.peek();
      if (lane.inFlight || lane.removed || head == null || head.dueAt.isAfter(clock.instant())) {
        return null;
      }
      lane.inFlight = true;
      return head;
    }
  }

  private Future<Void> attempt(Lane lane, Pending p) {
    Subscription s = lane.subscription;
    Future<Optional<String>> allowed = config.allowPrivateUrls()
        ? Future.succeededFuture(Optional.empty())
        : vertx.executeBlocking(() -> UrlPolicy.check(s.url(), false), false);
    return allowed.compose(refusal -> {
      if (refusal.isPresent()) {
        return Future.succeededFuture("address refused: " + refusal.get());
      }
      Instant sentAt = clock.instant();
      return client.postAbs(s.url())
          .timeout(config.timeout().toMillis())
          .putHeader("Content-Type", "application/json")
          .putHeader("User-Agent", "Glasshouse-Webhooks")
          .putHeader(WebhookSignature.HEADER, WebhookSignature.sign(s.secret(), sentAt, p.body))
          .putHeader("Glasshouse-Event", p.event)
          .as(BodyCodec.none())
          .sendBuffer(Buffer.buffer(p.body))
          .map(r -> r.statusCode() / 100 == 2 ? null : "HTTP " + r.statusCode())
          .otherwise(err -> err.getClass().getSimpleName() + ": " + err.getMessage());
    }).otherwise(err -> "refused: " + err.getMessage())
        .compose(error -> {
          finish(lane, p, error);
          Pending next = claim(lane);
          return next == null ? Future.<Void>succeededFuture() : attempt(lane, next);
        });
  }

  private void finish(Lane lane, Pending p, String error) {
    DeliveryFailure failure = null;
    synchronized (lane) {
      lane.inFlight = false;
      Instant now = clock.instant();
      p.attempts++;
      if (error == null) {
        lane.queue.remove(p);
        lane.delivered++;
        lane.gaveUpLast = false;
        lane.lastDeliveredAt = now;
      } else {
        lane.failedAttempts++;
        boolean gaveUp = p.attempts >= config.maxAttempts();
        failure = new DeliveryFailure(now, p.event, p.attempts, error, gaveUp);
        remember(lane, failure);
        if (gaveUp) {
          lane.queue.remove(p);
          lane.gaveUpLast = true;
        } else {
          p.dueAt = now.plus(backoff(p.attempts));
        }
      }
    }
    if (failure != null && !lane.removed) {
      LOG.info("webhook delivery to subscription {} failed (attempt {}{}): {}", lane.subscription.id(),
          failure.attempt(), failure.gaveUp() ? ", giving up" : "", failure.error());
      failures.accept(lane.subscription.id(), failure);
    }
  }

  /** The wait before retry number {@code failedAttempts}: evenly in {@code [b/2, b]}. */
  Duration backoff(int failedAttempts) {
    long b = backoffCeiling(config, failedAttempts).toMillis();
    return Duration.ofMillis(b / 2 + random.nextLong(b - b / 2 + 1));
  }

  /** {@code b = min(max-backoff, initial-backoff × 2^(n-1))}. */
  static Duration backoffCeiling(SubscriptionsConfig config, int failedAttempts) {
    long initial = config.initialBackoff().toMillis();
    long max = config.maxBackoff().toMillis();
    int shift = Math.min(failedAttempts - 1, 40);
    return Duration.ofMillis(initial > (max >> shift) ? max : Math.min(max, initial << shift));
  }

  private static void remember(Lane lane, DeliveryFailure f) {
    lane.recent.addFirst(f);
    while (lane.recent.size() > KEEP_FAILURES) {
      lane.recent.removeLast();
    }
  }

  /** How deliveries to {@code id} are going. */
  DeliveryState state(String id) {
    Lane lane = lanes.get(id);
    if (lane == null) {
      return new DeliveryState("idle", 0, 0, 0, null, null, List.of());
    }
    synchronized (lane) {
      Pending head = lane.queue.peek();
      String state = head != null && head.attempts > 0 ? "retrying"
          : lane.gaveUpLast ? "failing" : lane.delivered > 0 ? "ok" : "idle";
      return new DeliveryState(state, lane.delivered, lane.failedAttempts, lane.queue.size(), lane.lastDeliveredAt,
          head != null && head.attempts > 0 ? head.dueAt : null, List.copyOf(lane.recent));
    }
  }
}
