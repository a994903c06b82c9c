package io.glasshouse.statuspage.page;

import io.glasshouse.rollup.problem.Problem;
import io.glasshouse.rollup.status.ComponentState;
import io.glasshouse.rollup.status.StatusEvaluator;
import io.glasshouse.rollup.status.StatusSnapshot;
import io.glasshouse.statuspage.incident.IncidentLog;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@code GET /status/events}: Server-Sent Events telling open status pages that what they show changed, so they
 * re-fetch their changing sections ({@code /assets/status.js}). One instance per server, shared by every event-loop
 * verticle; each connection is written on its own context.
 *
 * <p>An {@code event: change} (with an increasing {@code id}) is sent when the public part of the status snapshot
 * changes (a public component's status, the page status, the UTC day) or an incident or maintenance is published
 * or updated; a {@code : heartbeat} comment is sent every {@code heartbeat} so proxies keep the connection open.
 * The event carries only the version and the page indicator, never a component name or a reason. A graceful
 * server shutdown ends the streams (browsers reconnect after {@code retry}).
 *
 * <p>At most {@code maxStreams} streams are open at once (default {@value #DEFAULT_MAX_STREAMS}); past that a new
 * one is answered 503 with {@code Retry-After}, so a flood of page views during an outage cannot hold every
 * connection and file descriptor the server has. The page itself still answers; it just does not update live.
 */
public final class LiveUpdates {
  /** Open event streams allowed by {@link #start(Vertx, Supplier, IncidentLog, Duration)}. */
  public static final int DEFAULT_MAX_STREAMS = 10_000;

  private final Vertx vertx;
  private final int maxStreams;
  private final Supplier<StatusSnapshot> snapshots;
  private final AtomicLong version = new AtomicLong(1);
  private final AtomicReference<String> fingerprint = new AtomicReference<>();
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final long heartbeatTimer;

  private record Connection(Context context, HttpServerResponse response) {
  }

  private LiveUpdates(Vertx vertx, Supplier<StatusSnapshot> snapshots, IncidentLog incidents, Duration heartbeat,
      int maxStreams) {
    if (maxStreams < 1) {
      throw new IllegalArgumentException("maxStreams must be at least 1, got " + maxStreams);
    }
    this.vertx = vertx;
    this.maxStreams = maxStreams;
    this.snapshots = snapshots;
    fingerprint.set(fingerprint(snapshots.get()));
    incidents.onChange(i -> changed());
    heartbeatTimer = vertx.setPeriodic(heartbeat.toMillis(), id -> broadcast(": heartbeat\n\n"));
  }

  /**
   * Starts serving streams: incident changes are pushed as they happen; snapshots are compared on {@link #check()},
   * which {@link #follow} calls for every snapshot the evaluator publishes (no timer of its own).
   */
  public static LiveUpdates start(Vertx vertx, Supplier<StatusSnapshot> snapshots, IncidentLog incidents,
      Duration heartbeat) {
    return start(vertx, snapshots, incidents, heartbeat, DEFAULT_MAX_STREAMS);
  }

  /** As {@link #start(Vertx, Supplier, IncidentLog, Duration)}, with at most {@code maxStreams} open. */
  public static LiveUpdates start(Vertx vertx, Supplier<StatusSnapshot> snapshots, IncidentLog incidents,
      Duration heartbeat, int maxStreams) {
    return new LiveUpdates(vertx, snapshots, incidents, heartbeat, maxStreams);
  }

  /**
   * Compares every snapshot {@code evaluator} publishes (the one source of status snapshots; mostly unchanged
   * ones) with the last one shown, and announces a change to open pages at once.
   */
  public LiveUpdates follow(StatusEvaluator evaluator) {
    evaluator.onSnapshot(s -> check());
    return this;
  }

  /** The current version; it grows by one with every change announced. */
  public long version() {
    return version.get();
  }

  /** Open event streams. */
  public int connections() {
    return connections.size();
  }

  /** Compares the snapshot's public part with the last one now, and announces a change. */
  public void check() {
    String now = fingerprint(snapshots.get());
    String before = fingerprint.getAndSet(now);
    if (!now.equals(before)) {
      changed();
    }
  }

  /** Announces a change to every open page. */
  public void changed() {
    long v = version.incrementAndGet();
    String indicator = snapshots.get().page().indicator().name().toLowerCase(java.util.Locale.ROOT);
    broadcast("id: " + v + "\nevent: change\ndata: {\"version\":" + v + ",\"indicator\":\"" + indicator + "\"}\n\n");
  }

  /** The route handler: opens a stream and keeps it until the client goes. */
  public void handle(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    if (connections.size() >= maxStreams) {
      Problem.of(503, "too-many-event-streams", "Too many live update streams",
              "this server already holds " + maxStreams + " live update streams; the page at /status answers"
                  + " without live updates, or retry the stream later")
          .withRetryAfter(Duration.ofSeconds(30)).write(response);
      return;
    }
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("Content-Encoding", "identity")
        .putHeader("X-Accel-Buffering", "no")
        .putHeader("X-Content-Type-Options", "nosniff");
    Connection c = new Connection(ctx.vertx().getOrCreateContext(), response);
    connections.add(c);
    response.closeHandler(v -> connections.remove(c));
    response.exceptionHandler(err -> connections.remove(c));
    if (ctx.request().connection() != null) {
      // a graceful server shutdown ends the stream at once instead of waiting out its timeout for it
      ctx.request().connection().shutdownHandler(v -> {
        connections.remove(c);
        if (!response.ended()) {
          response.end();
        }
      });
    }
    response.write("retry: 5000\nid: " + version.get() + "\n: connected\n\n");
  }

  /** Stops the heartbeat and ends every stream. */
  public void close() {
    vertx.cancelTimer(heartbeatTimer);
    for (Connection c : connections) {
      c.context().runOnContext(v -> {
        if (!c.response().ended()) {
          c.response().end();
        }
      });
    }
    connections.clear();
  }

  private void broadcast(String frame) {
    for (Connection c : connections) {
      c.context().runOnContext(v -> {
        if (c.response().closed() || c.response().ended()) {
          connections.remove(c);
        } else if (!c.response().writeQueueFull()) {
          c.response().write(frame);
        }
      });
    }
  }

  /** What the public page shows that can change without an incident: public statuses, page status, the day. */
  static String fingerprint(StatusSnapshot s) {
    StringBuilder b = new StringBuilder(s.page().indicator() + "|" + s.page().description() + "|"
        + LocalDate.ofInstant(s.at(), ZoneOffset.UTC));
    for (ComponentState c : s.components()) {
      if (c.component().isPublic()) {
        b.append('|').append(c.id()).append('=').append(c.status()).append(':').append(c.component().name())
            .append(':').append(c.component().group());
      }
    }
    return b.toString();
  }
}
