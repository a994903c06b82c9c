package io.glasshouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.registry.otlp.AggregationTemporality;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue #2, "Tests that must exist": Micrometer's OTLP registry pushes counters, timers and gauges from several
 * instances of one service into a whole in-process Glasshouse; the read API's rollups equal exactly what the
 * instances recorded, through an instance restart (same {@code service.instance.id}, counters from zero, new OTLP
 * start time) and an instance replaced by a new one.
 */
class OtlpMicrometerEndToEndTest {
  static final Instant T0 = Instant.parse("2026-05-01T06:00:00Z");
  static final String SERVICE = "checkout";
  static final Duration SLO = Duration.ofMillis(100);

  @TempDir
  Path data;
  InProcessServer server;
  final List<Recorder> open = new ArrayList<>();

  // what the instances recorded, summed over all of them
  long orders;
  long requests;
  long fastRequests;
  double requestSeconds;
  double gaugeMin = Double.POSITIVE_INFINITY;
  double gaugeMax = Double.NEGATIVE_INFINITY;

  @AfterEach
  void stop() throws Exception {
    for (Recorder r : open) {
      r.registry.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @EnumSource(AggregationTemporality.class)
  void rollupsEqualWhatInstancesRecordedThroughRestartAndReplacement(AggregationTemporality temporality) {
    server = InProcessServer.start(new ManualClock(T0), data, Map.of());
    Map<String, Recorder> fleet = new LinkedHashMap<>();
    for (String id : List.of("i-1", "i-2", "i-3")) {
      fleet.put(id, instance(id, temporality));
    }

    // minute 0: traffic on every instance
    fleet.get("i-1").orders(3).request(50).request(150).gauge(4);
    fleet.get("i-2").orders(5).request(80).request(80).request(80).gauge(10);
    fleet.get("i-3").orders(7).request(300).gauge(1);
    publishStep(fleet);

    // minute 1: more traffic, gauges move
    fleet.get("i-1").orders(2).request(20).gauge(2);
    fleet.get("i-2").orders(1).request(120).gauge(12);
    fleet.get("i-3").orders(4).request(90).request(99).gauge(20);
    publishStep(fleet);

    // i-2 restarts under the same instance id: a new process whose counters start again from zero. It counts more
    // than before so that, for cumulative input, only the changed OTLP start time can reveal the reset.
    fleet.remove("i-2").close();
    server.advance(Duration.ofSeconds(30));
    Recorder restarted = instance("i-2", temporality);
    fleet.put("i-2", restarted);
    restarted.orders(11).request(40).request(200).gauge(0);

    // i-3 is replaced by a new instance i-4
    fleet.remove("i-3").close();
    Recorder replacement = instance("i-4", temporality);
    fleet.put("i-4", replacement);
    replacement.orders(6).request(10).request(110).gauge(8);
    fleet.get("i-1").orders(1).request(70).gauge(3);
    publishStep(fleet);

    // minute 4: one more step after the churn
    fleet.get("i-1").orders(2).request(60);
    fleet.get("i-2").orders(3).request(30);
    fleet.get("i-4").orders(1).request(500);
    publishStep(fleet);

    Instant at = server.now();
    ReadApi read = server.read;
    assertThat(read.value(SERVICE, "orders_placed", at, "increase")).isEqualTo((double) orders);
    assertThat(read.value(SERVICE, "http_server_requests", at, "count")).isEqualTo((double) requests);
    // milliseconds from Micrometer, converted to seconds: equal up to double rounding
    assertThat(read.value(SERVICE, "http_server_requests", at, "sum")).isCloseTo(requestSeconds, within(1e-12));
    assertThat(read.value(SERVICE, "http_server_requests", at, "fraction_le", "threshold", "0.1"))
        .isCloseTo((double) fastRequests / requests, within(1e-12));
    assertThat(read.value(SERVICE, "queue_depth", at, "min")).isEqualTo(gaugeMin);
    assertThat(read.value(SERVICE, "queue_depth", at, "max")).isEqualTo(gaugeMax);
    assertThat(orders).isEqualTo(46);
    assertThat(requests).isEqualTo(18);
  }

  /** Closes the step the instances recorded in and lets each of them publish once. */
  private void publishStep(Map<String, Recorder> fleet) {
    server.advance(Duration.ofMinutes(1));
    fleet.values().forEach(r -> r.registry.publishNow());
  }

  private Recorder instance(String id, AggregationTemporality temporality) {
    Recorder r = new Recorder(new OtlpInstance(server.url("/v1/metrics"), SERVICE, id, temporality, server.clock));
    open.add(r);
    return r;
  }

  /** One instance's meters, recording into the registry and into the test's expected totals. */
  final class Recorder {
    final OtlpInstance registry;
    final Counter ordersPlaced;
    final Timer latency;
    final AtomicLong depth = new AtomicLong();

    Recorder(OtlpInstance registry) {
      this.registry = registry;
      this.ordersPlaced = Counter.builder("orders.placed").tag("region", "eu").register(registry);
      this.latency = Timer.builder("http.server.requests").tag("uri", "/pay").serviceLevelObjectives(SLO)
          .register(registry);
      Gauge.builder("queue.depth", depth, AtomicLong::get).register(registry);
    }

    Recorder orders(int n) {
      ordersPlaced.increment(n);
      orders += n;
      return this;
    }

    Recorder request(long millis) {
      latency.record(Duration.ofMillis(millis));
      requests++;
      requestSeconds += millis / 1000.0;
      if (millis <= SLO.toMillis()) {
        fastRequests++;
      }
      return this;
    }

    /** Sets the gauge; it counts as observed because every instance publishes before its gauge changes again. */
    Recorder gauge(long v) {
      depth.set(v);
      gaugeMin = Math.min(gaugeMin, v);
      gaugeMax = Math.max(gaugeMax, v);
      return this;
    }

    void close() {
      registry.close();
      open.remove(this);
    }
  }
}
