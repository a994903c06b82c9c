package io.glasshouse.server.e2e;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * Concurrent JSON ingest whose every request is checkable on its own. Request {@code k} of worker {@code w} is one
 * atomic batch for service {@code service}: a delta counter {@code acked{req="w-k"}} with the request's own value
 * {@link #valueOf}, {@code requests} +1 and {@code work{shard}} +1 for each of {@link #SHARDS} shards. The load
 * remembers which requests were answered 2xx (acknowledged, hence durable) and which were sent at all.
 *
 * <p>When the number of acknowledgements satisfies {@code trigger}, {@code action} runs once, on the thread that
 * just received the acknowledgement, while the other workers' requests are in flight. After that, a worker stops
 * at its first refused or failed request.
 */
public final class IngestLoad {
  public static final int SHARDS = 40;
  private static final int MAX_REQUESTS_PER_WORKER = 5_000;

  public final String service;
  public final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  public final Set<String> sent = ConcurrentHashMap.newKeySet();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicInteger acks = new AtomicInteger();
  private final AtomicBoolean fired = new AtomicBoolean();

  public IngestLoad(String service) {
    this.service = service;
  }

  /** The distinct value request {@code w-k} adds to its {@code acked} series. */
  public static double valueOf(String req) {
    String[] p = req.split("-");
    return Integer.parseInt(p[0]) * 100_000 + Integer.parseInt(p[1]) + 1;
  }

  /** Runs {@code workers} senders against {@code port} until the trigger has fired and each sender has stopped. */
  public void run(int port, int workers, IntPredicate trigger, Runnable action) {
    URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/ingest");
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      Thread t = new Thread(() -> send(uri, worker, trigger, action), "ingest-" + w);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join(Duration.ofMinutes(2).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (t.isAlive()) {
        throw new AssertionError(t.getName() + " did not stop within 2 minutes");
      }
    }
    if (!fired.get()) {
      throw new AssertionError("the trigger never fired; acknowledged: " + acks.get());
    }
  }

  private void send(URI uri, int worker, IntPredicate trigger, Runnable action) {
    for (int k = 0; k < MAX_REQUESTS_PER_WORKER; k++) {
      String req = worker + "-" + k;
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body(req))).build();
      sent.add(req);
      int status;
      try {
        status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (IOException e) {
        if (fired.get()) {
          return;
        }
        throw new AssertionError("request " + req + " failed before the trigger: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (status / 100 == 2) {
        acknowledged.add(req);
        if (trigger.test(acks.incrementAndGet()) && fired.compareAndSet(false, true)) {
          action.run();
        }
      } else if (fired.get()) {
        return;
      } else if (status != 503) {
        throw new AssertionError("request " + req + " answered " + status);
      }
    }
  }

  private String body(String req) {
    JsonArray samples = new JsonArray()
        .add(new JsonObject().put("metric", "acked").put("type", "delta_counter").put("value", valueOf(req))
            .put("labels", new JsonObject().put("req", req)))
        .add(new JsonObject().put("metric", "requests").put("type", "delta_counter").put("value", 1));
    for (int s = 0; s < SHARDS; s++) {
      samples.add(new JsonObject().put("metric", "work").put("type", "delta_counter").put("value", 1)
          .put("labels", new JsonObject().put("shard", Integer.toString(s))));
    }
    return new JsonObject().put("service", service).put("instance", "loader-" + req.split("-")[0])
        .put("samples", samples).encode();
  }

  /** Checks what a restarted server reports for this load; returns the number of requests it counted. */
  public long verify(ReadApi read, java.time.Instant at) {
    Map<String, Double> counted = read.increaseBy(service, "acked", at, "req");
    for (String req : acknowledged) {
      if (!Double.valueOf(valueOf(req)).equals(counted.get(req))) {
        throw new AssertionError(service + ": acknowledged request " + req + " should count " + valueOf(req)
            + " exactly once, found " + counted.get(req));
      }
    }
    counted.forEach((req, v) -> {
      if (!sent.contains(req) || v != valueOf(req)) {
        throw new AssertionError(service + ": request " + req + " counted " + v + ", sent: " + sent.contains(req));
      }
    });
    double requests = read.increaseBy(service, "requests", at, null).getOrDefault("", 0.0);
    double work = read.increaseBy(service, "work", at, null).getOrDefault("", 0.0);
    if (requests != counted.size() || work != (double) SHARDS * counted.size()) {
      throw new AssertionError(service + ": " + counted.size() + " requests counted by their own series, but "
          + "requests=" + requests + " and work=" + work + " (batches must apply whole)");
    }
    return counted.size();
  }
}
