package io.glasshouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.registry.otlp.AggregationTemporality;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instances keep being replaced: 20 instance ids, one new each minute, each living three minutes with a fresh
 * cumulative counter (Micrometer's OTLP registry), and a Glasshouse restart halfway. The service total stays
 * exact, and the instances API tells the live ones from the stale ones.
 */
class InstanceChurnEndToEndTest {
  static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
  static final Duration STALE_AFTER = Duration.ofSeconds(270);
  static final int INSTANCES = 20;
  static final int LIFETIME_MINUTES = 3;

  @TempDir
  Path data;
  InProcessServer server;
  final Map<String, OtlpInstance> live = new LinkedHashMap<>();

  @AfterEach
  void stop() throws Exception {
    live.values().forEach(OtlpInstance::close);
    if (server != null) {
      server.close();
    }
  }

  @Test
  void serviceTotalStaysExactAndInstancesAreLiveOrStaleThroughChurn() throws Exception {
    server = InProcessServer.start(new ManualClock(T0), data, Map.of("stale-after", STALE_AFTER.toSeconds() + "s"));
    Random random = new Random(20260501);
    Map<String, Counter> counters = new HashMap<>();
    Map<String, Instant> lastPublished = new TreeMap<>();
    Map<String, Integer> startedAt = new HashMap<>();
    long recorded = 0;

    for (int minute = 0; minute < INSTANCES; minute++) {
      String id = "churn-" + minute;
      OtlpInstance instance = new OtlpInstance(server.url("/v1/metrics"), "jobs", id,
          AggregationTemporality.CUMULATIVE, server.clock);
      live.put(id, instance);
      startedAt.put(id, minute);
      counters.put(id, Counter.builder("jobs.done").register(instance));

      for (String i : live.keySet()) {
        int n = 1 + random.nextInt(50);
        counters.get(i).increment(n);
        recorded += n;
      }
      // the oldest instance is replaced: it publishes its last values as it shuts down
      for (String i : new ArrayList<>(live.keySet())) {
        if (minute - startedAt.get(i) >= LIFETIME_MINUTES) {
          live.remove(i).close();
          lastPublished.put(i, server.now());
        }
      }
      if (minute == INSTANCES / 2) {
        server.restart();
      }
      server.advance(Duration.ofMinutes(1));
      for (Map.Entry<String, OtlpInstance> e : live.entrySet()) {
        e.getValue().publishNow();
        lastPublished.put(e.getKey(), server.now());
      }
    }

    Instant now = server.now();
    assertThat(server.read.value("jobs", "jobs_done", now, "increase")).isEqualTo((double) recorded);

    Map<String, Boolean> expectedLive = new TreeMap<>();
    lastPublished.forEach((id, t) -> expectedLive.put(id, t.isAfter(now.minus(STALE_AFTER))));
    Map<String, Boolean> reportedLive = new TreeMap<>();
    for (Object o : server.read.instances("jobs").getJsonArray("instances")) {
      JsonObject i = (JsonObject) o;
      reportedLive.put(i.getString("instance"), i.getBoolean("live"));
    }
    assertThat(reportedLive).isEqualTo(expectedLive);
    assertThat(expectedLive).hasSize(INSTANCES).containsValue(true).containsValue(false);
    long liveCount = expectedLive.values().stream().filter(b -> b).count();
    JsonObject jobs = server.read.services().getJsonArray("services").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("service").equals("jobs")).findFirst().orElseThrow();
    assertThat(jobs.getInteger("liveInstances")).isEqualTo((int) liveCount);
    assertThat(jobs.getInteger("staleInstances")).isEqualTo(INSTANCES - (int) liveCount);
  }
}
