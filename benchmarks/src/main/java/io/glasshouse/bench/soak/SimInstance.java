package io.glasshouse.bench.soak;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * One simulated application process: cumulative counters {@code requests_total{status="200"|"500"}}, a
 * cumulative histogram {@code latency_seconds} (buckets 0.1, 0.25, 1, +Inf) and a gauge {@code queue_depth}.
 * Its counters start at 0 when the process starts (a restart under the same id starts them at 0 again).
 */
final class SimInstance {
  static final String[] BOUNDS = {"0.1", "0.25", "1", "+Inf"};
  private static final double[] UPPER = {0.1, 0.25, 1, Double.POSITIVE_INFINITY};

  final String service;
  final String id;
  long ok;
  long errors;
  final long[] buckets = new long[BOUNDS.length];
  double sum;
  int queueDepth;

  SimInstance(String service, String id) {
    this.service = service;
    this.id = id;
  }

  /** The process restarts under its id: every cumulative value starts again from 0. */
  void restart() {
    ok = 0;
    errors = 0;
    java.util.Arrays.fill(buckets, 0);
    sum = 0;
  }

  /** Records one step's worth of requests (0 to 24, about 10% errors, log-normal-ish latency). */
  void record(SplittableRandom rnd) {
    int n = rnd.nextInt(25);
    for (int i = 0; i < n; i++) {
      if (rnd.nextInt(10) == 0) {
        errors++;
      } else {
        ok++;
      }
      double latency = Math.exp(rnd.nextGaussian() * 0.9 - 2.2);
      sum += latency;
      for (int b = 0; b < UPPER.length; b++) {
        if (latency <= UPPER[b]) {
          buckets[b]++;
        }
      }
    }
    queueDepth = rnd.nextInt(50);
  }

  /** The instance's current readings, as one JSON ingest batch dated {@code tsMs}. */
  Reading read(long tsMs) {
    return new Reading(service, id, tsMs, ok, errors, buckets.clone(), sum, queueDepth);
  }

  /** One report of an instance: what it sends and what the tally counts once it was acknowledged. */
  record Reading(String service, String instance, long tsMs, long ok, long errors, long[] buckets, double sum,
                 int queueDepth) {
    String json() {
      String ts = Instant.ofEpochMilli(tsMs).toString();
      JsonObject b = new JsonObject();
      for (int i = 0; i < BOUNDS.length; i++) {
        b.put(BOUNDS[i], buckets[i]);
      }
      JsonArray samples = new JsonArray()
          .add(new JsonObject().put("metric", "requests_total").put("type", "counter").put("value", ok)
              .put("labels", new JsonObject().put("status", "200")).put("timestamp", ts))
          .add(new JsonObject().put("metric", "requests_total").put("type", "counter").put("value", errors)
              .put("labels", new JsonObject().put("status", "500")).put("timestamp", ts))
          .add(new JsonObject().put("metric", "latency_seconds").put("type", "histogram").put("buckets", b)
              .put("sum", sum).put("timestamp", ts))
          .add(new JsonObject().put("metric", "queue_depth").put("type", "gauge").put("value", queueDepth)
              .put("timestamp", ts));
      return new JsonObject().put("service", service).put("instance", instance).put("samples", samples).encode();
    }
  }
}
