package io.glasshouse.rollup.engine;

import static io.glasshouse.rollup.engine.EngineFixture.T0;
import static io.glasshouse.rollup.engine.EngineFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.glasshouse.rollup.instances.Deviation;
import io.glasshouse.rollup.instances.InstanceHealth;
import io.glasshouse.rollup.instances.InstanceHealthConfig;
import io.glasshouse.rollup.instances.ServiceHealth;
import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.Temporality;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-instance figures and outliers through the engine: samples as Micrometer (a timer histogram with status
 * and outcome) and Prometheus client libraries ({@code http_requests_total{code}}) send them, read from the
 * published snapshot.
 */
class InstanceHealthEngineTest {
  static final double[] BOUNDS = {0.05, 0.1, 0.25, 0.5, 1};
  @TempDir
  Path dir;
  Vertx vertx;
  EngineFixture fx;
  final Map<String, double[]> cumulative = new HashMap<>();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    fx = new EngineFixture(vertx, dir, EngineFixture.config(1000));
    fx.start();
  }

  @AfterEach
  void tearDown() {
    fx.stop();
    await(vertx.close());
  }

  /** Micrometer's timer: cumulative histogram per status; {@code ok} requests fast (or slow), {@code failed} 500s. */
  private List<Sample> micrometer(String instance, int ok, int failed, boolean slow, long t) {
    List<Sample> out = new ArrayList<>();
    out.add(timer(instance, "200", "SUCCESS", ok, slow, t));
    out.add(timer(instance, "500", "SERVER_ERROR", failed, slow, t));
    return out;
  }

  private Sample timer(String instance, String status, String outcome, int n, boolean slow, long t) {
    String key = instance + status;
    double[] c = cumulative.computeIfAbsent(key, k -> new double[BOUNDS.length + 1]);
    c[slow ? 3 : 1] += n;
    long[] counts = new long[c.length];
    long total = 0;
    for (int i = 0; i < c.length; i++) {
      counts[i] = (long) c[i];
      total += counts[i];
    }
    Labels l = Labels.of("service", "web", "instance", instance, "uri", "/orders", "status", status, "outcome",
        outcome, "service_version", "2.3.1");
    return Sample.histogram("http_server_requests", l, t, Temporality.CUMULATIVE,
        new Buckets(BOUNDS, counts, total, total * 0.07)).withStartTime(T0.toEpochMilli());
  }

  private List<Sample> prometheus(String instance, int ok, int failed, long t) {
    List<Sample> out = new ArrayList<>();
    for (String code : new String[] {"200", "503"}) {
      double[] c = cumulative.computeIfAbsent(instance + code, k -> new double[1]);
      c[0] += code.equals("200") ? ok : failed;
      out.add(Sample.counter("http_requests_total", Labels.of("service", "api", "instance", instance, "code", code),
          t, c[0]));
    }
    return out;
  }

  private ServiceHealth health(String service) {
    await(fx.engine.refreshInstanceHealth());
    return await(fx.engine.instanceHealth(service));
  }

  private static InstanceHealth of(ServiceHealth h, String id) {
    return h.instances().stream().filter(i -> i.instance().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aMicrometerInstanceWithServerErrorsIsFlaggedAgainstItsPeers() {
    for (int step = 0; step < 60; step++) { // 10 minutes, a push every 10 s
      fx.clock.set(T0.plusSeconds(10L * step + 5));
      long t = fx.clock.millis();
      List<Sample> batch = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        boolean broken = i == 2 && step >= 24;
        batch.addAll(micrometer("web-" + i, broken ? 40 : 50, broken ? 10 : 0, false, t));
      }
      await(fx.engine.accept(Protocol.OTLP, batch, false));
      if (step % 6 == 5) {
        health("web");
      }
    }
    ServiceHealth h = health("web");

    InstanceHealth bad = of(h, "web-2");
    assertThat(bad.live()).isTrue();
    assertThat(bad.version()).isEqualTo("2.3.1");
    assertThat(bad.outlier()).isTrue();
    Deviation d = bad.deviations().get(0);
    assertThat(d.signal()).isEqualTo(Deviation.ERROR_RATIO);
    assertThat(d.value()).isCloseTo(0.2, within(1e-9));
    assertThat(d.peerMedian()).isZero();
    assertThat(bad.figures().get(0).requests()).isEqualTo(5 * 6 * 50);
    assertThat(bad.figures().get(0).ratePerSecond()).isCloseTo(5.0, within(1e-9));
    assertThat(bad.figures().get(0).p50()).isBetween(0.05, 0.1);
    assertThat(h.outliers()).extracting(InstanceHealth::instance).containsExactly("web-2");
    assertThat(of(h, "web-0").deviations()).noneMatch(Deviation::deviating);
  }

  @Test
  void aSlowMicrometerInstanceIsFlaggedOnLatency() {
    for (int step = 0; step < 60; step++) {
      fx.clock.set(T0.plusSeconds(10L * step + 5));
      long t = fx.clock.millis();
      List<Sample> batch = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        batch.addAll(micrometer("web-" + i, 50, 0, i == 0 && step >= 12, t));
      }
      await(fx.engine.accept(Protocol.OTLP, batch, false));
      if (step % 6 == 5) {
        health("web");
      }
    }
    InstanceHealth slow = of(health("web"), "web-0");
    assertThat(slow.outlier()).isTrue();
    Deviation d = slow.deviations().get(1);
    assertThat(d.signal()).isEqualTo(Deviation.LATENCY);
    assertThat(d.value()).isBetween(0.25, 0.5);
    assertThat(d.peerMedian()).isBetween(0.05, 0.1);
  }

  @Test
  void prometheusRequestCountersWithCodeLabelsWorkAndANewcomerIsNotFlaggedForLackOfTraffic() {
    for (int step = 0; step < 60; step++) {
      fx.clock.set(T0.plusSeconds(10L * step + 5));
      long t = fx.clock.millis();
      List<Sample> batch = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        if (i == 3 && step >= 50) {
          continue; // api-3 dies ...
        }
        batch.addAll(prometheus("api-" + i, 100, 1, t));
      }
      if (step >= 58) {
        batch.addAll(prometheus("api-9", 5, 3, t)); // ... and api-9 replaces it: 20 s of traffic, many errors
      }
      await(fx.engine.accept(Protocol.REMOTE_WRITE, batch, true));
      if (step % 6 == 5) {
        health("api");
      }
    }
    fx.clock.set(T0.plusSeconds(600 + 40));
    await(fx.engine.accept(Protocol.REMOTE_WRITE, prometheus("api-9", 5, 3, fx.clock.millis()), true));
    ServiceHealth h = health("api");

    assertThat(of(h, "api-9").judgement()).isEqualTo(InstanceHealth.Judgement.INSUFFICIENT_TRAFFIC);
    assertThat(of(h, "api-9").outlier()).isFalse();
    assertThat(of(h, "api-0").judgement()).isEqualTo(InstanceHealth.Judgement.JUDGED);
    assertThat(of(h, "api-0").figures().get(0).errorRatio()).isCloseTo(1 / 101.0, within(1e-9));
    assertThat(h.outliers()).isEmpty();
  }

  @Test
  void requestAndErrorSignalsAreConfigurablePerService() {
    InstanceHealthConfig c = InstanceHealthConfig.fromJson(new JsonObject().put("min-requests", 10)
        .put("services", new JsonObject().put("api", new JsonObject().put("requests", "jobs_total")
            .put("errors", "result=\"failed\""))));
    await(fx.engine.configureInstances(c));
    fx.clock.set(T0.plusSeconds(5));
    List<Sample> batch = new ArrayList<>();
    for (int step = 0; step < 3; step++) {
      long t = T0.toEpochMilli() + step * 60_000L + 5_000;
      batch.add(Sample.deltaCounter("jobs_total", Labels.of("service", "api", "instance", "a", "result", "ok"), t, 8));
      batch.add(Sample.deltaCounter("jobs_total", Labels.of("service", "api", "instance", "a", "result", "failed"),
          t, 2));
    }
    await(fx.engine.accept(Protocol.JSON, batch, true));
    fx.clock.set(T0.plus(Duration.ofMinutes(3)).plusSeconds(30));
    var five = of(health("api"), "a").figures().get(0);
    assertThat(five.requests()).isEqualTo(30);
    assertThat(five.errors()).isEqualTo(6);
  }

  @Test
  void aBadInstancesSectionIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> InstanceHealthConfig.fromJson(new JsonObject().put("min-peers", 2)))
        .hasMessageContaining("rollup.instances.min-peers");
    assertThatThrownBy(() -> InstanceHealthConfig.fromJson(new JsonObject().put("errors", "status=~")))
        .hasMessageContaining("rollup.instances.errors[0]");
    assertThatThrownBy(() -> InstanceHealthConfig.fromJson(new JsonObject().put("windows", "30m")))
        .hasMessageContaining("rollup.instances.windows");
    assertThatThrownBy(() -> InstanceHealthConfig.fromJson(new JsonObject().put("treshold", 3)))
        .hasMessageContaining("rollup.instances.treshold");
    assertThat(RollupConfig.fromJson(new JsonObject().put("instances", new JsonObject()))).isNotNull();
  }
}
