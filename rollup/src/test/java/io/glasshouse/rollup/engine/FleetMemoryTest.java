package io.glasshouse.rollup.engine;

import static io.glasshouse.rollup.engine.EngineFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.Temporality;
import io.glasshouse.rollup.series.InstanceInfo;
import io.glasshouse.rollup.series.ServiceSummary;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Memory follows the live fleet (issue 6), and liveness follows arrivals (issue 8). */
class FleetMemoryTest {
  @TempDir
  Path dir;
  Vertx vertx;
  EngineFixture fx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  private void start(RollupConfig config) {
    fx = new EngineFixture(vertx, dir, config);
    fx.start();
  }

  @AfterEach
  void tearDown() {
    if (fx != null) {
      fx.stop();
    }
    await(vertx.close());
  }

  private long now() {
    return fx.clock.millis();
  }

  private void send(List<Sample> samples) {
    await(fx.engine.accept(Protocol.JSON, samples, true));
  }

  /** Runs the hourly sweep: it follows a checkpoint once an hour has passed since the last one. */
  private void sweep() {
    fx.clock.add(Duration.ofMinutes(61));
    await(fx.engine.checkpointNow());
    await(fx.engine.checkpointNow());
  }

  private int seriesGauge() {
    return (int) fx.gauge("glasshouse.rollup.series");
  }

  private int instanceSeriesGauge() {
    return (int) fx.gauge("glasshouse.rollup.instance.series");
  }

  private int instancesGauge() {
    return (int) fx.gauge("glasshouse.rollup.instances");
  }

  @Test
  void silentGaugeAndDeltaInstanceSeriesAreForgotten() {
    start(EngineFixture.config(1000));
    Labels a = Labels.of("service", "api", "instance", "a");
    send(List.of(Sample.gauge("mem", a, now(), 1), Sample.deltaCounter("jobs", a, now(), 2),
        Sample.counter("req", a, now(), 3)));
    await(fx.engine.checkpointNow());
    assertThat(instanceSeriesGauge()).isEqualTo(3);
    fx.clock.add(Duration.ofHours(2));
    sweep();
    // gauge and delta series carry no state: gone; the counter keeps its baseline while 'a' is in the registry
    assertThat(instanceSeriesGauge()).isEqualTo(1);
    assertThat(seriesGauge()).isEqualTo(3); // rollup series stay within the retention
  }

  @Test
  void churningFleetKeepsSeriesAndInstanceCountsFlatOverSimulatedDays() {
    // two simulated days: instances replaced every minute, a new version every 10 minutes; each instance sends a
    // counter, a gauge, a delta counter and a cumulative histogram. Retention 12 h, instance retention 2 h.
    start(EngineFixture.config(100_000).withRetention(Duration.ofHours(12), Duration.ofHours(2)));
    Buckets b = new Buckets(new double[] {0.1, 1}, new long[] {1, 1, 0}, 2, 0.6);
    int live = 3;
    int next = 0;
    List<String> fleet = new ArrayList<>();
    for (int i = 0; i < live; i++) {
      fleet.add("i" + next++);
    }
    int hours = 48;
    int[] series = new int[hours + 1];
    int[] instanceSeries = new int[hours + 1];
    int[] instances = new int[hours + 1];
    for (int m = 1; m <= hours * 60; m++) {
      fx.clock.add(Duration.ofMinutes(1));
      fleet.remove(0);
      fleet.add("i" + next++);
      String version = "v" + (m / 10);
      List<Sample> batch = new ArrayList<>();
      for (String inst : fleet) {
        Labels l = Labels.of("service", "api", "instance", inst, "version", version);
        batch.add(Sample.counter("req", l, now(), m));
        batch.add(Sample.gauge("mem", l, now(), m));
        batch.add(Sample.deltaCounter("jobs", l, now(), 1));
        batch.add(Sample.histogram("lat", l, now(), Temporality.CUMULATIVE, b));
      }
      send(batch);
      if (m % 30 == 0) {
        await(fx.engine.checkpointNow()); // checkpoints (and so the hourly sweep) at fixed simulated times
      }
      if (m % 60 == 0) {
        int h = m / 60;
        series[h] = seriesGauge();
        instanceSeries[h] = instanceSeriesGauge();
        instances[h] = instancesGauge();
      }
    }
    // steady from about 15 h on (retention plus sweep slack): the last 12 hours use no more than the 12 before
    assertThat(max(series, 36, 48)).isLessThanOrEqualTo(max(series, 24, 36))
        .isLessThanOrEqualTo(4 * (12 * 6 + 3 * 6 + 1)); // versions within retention and sweep slack, per metric
    assertThat(max(instances, 36, 48)).isLessThanOrEqualTo(max(instances, 24, 36))
        .isLessThanOrEqualTo(4 * 60 + live); // instance retention and sweep slack
    assertThat(max(instanceSeries, 36, 48)).isLessThanOrEqualTo(max(instanceSeries, 24, 36));
    // four metrics, and an instance living three minutes spans at most two versions
    assertThat(max(instanceSeries, 36, 48)).isLessThanOrEqualTo(2 * 4 * max(instances, 36, 48));
    assertThat(await(fx.engine.services())).singleElement()
        .satisfies(s -> assertThat(s.liveInstances()).isEqualTo(live + 4)); // + replaced within 5 min (stale-after)
    // what was retired stays retired after a restart (the sweep at start may retire a few more)
    int before = seriesGauge();
    fx.restart();
    assertThat(await(fx.engine.services())).singleElement()
        .satisfies(s -> assertThat(s.seriesCount()).isPositive().isLessThanOrEqualTo(before));
  }

  private static int max(int[] values, int from, int to) {
    int m = 0;
    for (int i = from; i < to; i++) {
      m = Math.max(m, values[i]);
    }
    return m;
  }

  @Test
  void servicesWithNothingLeftAreForgotten() {
    start(EngineFixture.config(1000).withRetention(Duration.ofHours(2), Duration.ofHours(1)).withLimits(1, 100, 1000));
    send(List.of(Sample.gauge("up", Labels.of("service", "old", "instance", "a"), now(), 1)));
    for (int i = 0; i < 4; i++) {
      sweep();
    }
    assertThat(await(fx.engine.services())).isEmpty();
    // the service limit is free again
    send(List.of(Sample.gauge("up", Labels.of("service", "new", "instance", "a"), now(), 1)));
    assertThat(await(fx.engine.services())).extracting(ServiceSummary::service).containsExactly("new");
  }

  @Test
  void backfilledHistoryDoesNotMakeInstancesLive() {
    // issue 8: the demo's backfilled instances counted as live; liveness follows arrivals of current samples
    start(EngineFixture.config(1000));
    List<Sample> history = new ArrayList<>();
    for (int m = 50; m >= 3; m--) { // history up to three minutes ago, arriving now
      history.add(Sample.gauge("up", Labels.of("service", "api", "instance", "h1"), now() - m * 60_000L, 1));
    }
    send(history);
    send(List.of(Sample.gauge("up", Labels.of("service", "api", "instance", "live"), now() - 1_000, 1)));

    assertThat(await(fx.engine.instances("api"))).extracting(InstanceInfo::instance, InstanceInfo::live)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("h1", false),
            org.assertj.core.groups.Tuple.tuple("live", true));
    assertThat(await(fx.engine.services())).containsExactly(new ServiceSummary("api", 1, 1, 1));
  }

  @Test
  void anInstanceIsStaleWhenNothingArrivesEvenIfItsLastTimestampIsAhead() {
    start(EngineFixture.config(1000));
    // a sender whose clock runs four minutes ahead: its timestamps alone would keep it live for nine minutes
    send(List.of(Sample.gauge("up", Labels.of("service", "api", "instance", "a"), now() + 240_000, 1)));
    assertThat(await(fx.engine.instances("api")).get(0).live()).isTrue();
    fx.clock.add(Duration.ofMinutes(6));
    assertThat(await(fx.engine.instances("api")).get(0).live()).isFalse();
  }
}
