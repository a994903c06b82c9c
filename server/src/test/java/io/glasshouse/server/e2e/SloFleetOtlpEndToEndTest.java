package io.glasshouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.registry.otlp.AggregationTemporality;
import io.vertx.core.json.JsonArray;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet of Micrometer OTLP registries (one per instance, cumulative counters) with churn: a new instance every
 * minute living three minutes, and one instance restarted under the same id (its counters start again from zero).
 * The SLO the read API reports equals what the instances recorded.
 */
class SloFleetOtlpEndToEndTest {
  static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
  static final int MINUTES = 12;

  @TempDir
  Path data;
  InProcessServer server;
  final Map<String, OtlpInstance> live = new LinkedHashMap<>();

  @AfterEach
  void stop() {
    live.values().forEach(OtlpInstance::close);
    if (server != null) {
      server.close();
    }
  }

  private Counter[] register(String id) {
    OtlpInstance in = new OtlpInstance(server.url("/v1/metrics"), "shop", id, AggregationTemporality.CUMULATIVE,
        server.clock);
    live.put(id, in);
    return new Counter[] {Counter.builder("requests").tag("status", "200").register(in),
        Counter.builder("requests").tag("status", "503").register(in)};
  }

  @Test
  void sloFromAnOtlpFleetWithChurnEqualsWhatTheInstancesRecorded() {
    JsonArray slos = new JsonArray().add(new JsonObject("""
        {"name": "shop-availability", "service": "shop", "target": 0.95,
         "sli": {"ratio": {"bad": "requests{status=~\\"5..\\"}", "total": "requests"}},
         "window": {"rolling": "1d"}}"""));
    server = InProcessServer.start(new ManualClock(T0), data, Map.of(), c -> c.setList("slos", slos));
    Random random = new Random(42);
    Map<String, Counter[]> counters = new HashMap<>();
    Map<String, Integer> startedAt = new HashMap<>();
    long ok = 0;
    long errors = 0;
    for (int minute = 0; minute < MINUTES; minute++) {
      String id = "shop-" + minute;
      counters.put(id, register(id));
      startedAt.put(id, minute);
      if (minute == 6) {
        String restarted = live.keySet().iterator().next();
        live.remove(restarted).close(); // publishes what it counted, then the process restarts: same id, from zero
        counters.put(restarted, register(restarted));
      }
      for (String i : live.keySet()) {
        int good = 10 + random.nextInt(90);
        int bad = random.nextInt(6);
        counters.get(i)[0].increment(good);
        counters.get(i)[1].increment(bad);
        ok += good;
        errors += bad;
      }
      for (String i : new ArrayList<>(live.keySet())) {
        if (minute - startedAt.get(i) >= 3) {
          live.remove(i).close();
        }
      }
      server.advance(Duration.ofMinutes(1));
      live.values().forEach(OtlpInstance::publishNow);
    }
    server.advance(Duration.ofMinutes(1)); // the last publish's minute is complete
    Await.result(server.glasshouse().slos().refresh());

    JsonObject r = Await.result(server.client.getAbs(server.url("/api/v1/slos/shop-availability")).send())
        .bodyAsJsonObject();
    double total = ok + errors;
    assertThat(r.getDouble("total")).isEqualTo(total);
    assertThat(r.getDouble("bad")).isEqualTo((double) errors);
    assertThat(r.getDouble("sli")).isCloseTo(ok / total, within(1e-12));
    assertThat(r.getDouble("budgetRemaining")).isCloseTo(1 - errors / (0.05 * total), within(1e-9));
  }
}
