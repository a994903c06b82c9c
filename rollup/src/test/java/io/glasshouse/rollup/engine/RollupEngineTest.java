package io.glasshouse.rollup.engine;

import static io.glasshouse.rollup.engine.EngineFixture.T0;
import static io.glasshouse.rollup.engine.EngineFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.ingest.IngestResult;
import io.glasshouse.rollup.ingest.SeriesLimitException;
import io.glasshouse.rollup.query.LabelMatcher;
import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.Temporality;
import io.glasshouse.rollup.series.InstanceInfo;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.SeriesCells;
import io.glasshouse.rollup.series.ServiceSummary;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollupEngineTest {
  @TempDir
  Path dir;
  Vertx vertx;
  EngineFixture fx;

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

  private static Labels labels(String instance, String status) {
    return Labels.of("service", "api", "instance", instance, "status", status);
  }

  private long at(int seconds) {
    return T0.plusSeconds(seconds).toEpochMilli();
  }

  private IngestResult send(Sample... samples) {
    return await(fx.engine.accept(Protocol.REMOTE_WRITE, List.of(samples), true));
  }

  private double totalIncrease(String metric, LabelMatcher... m) {
    return fx.read("api", metric, m).stream().flatMap(s -> s.cells().stream()).mapToDouble(MinuteCell::increase).sum();
  }

  @Test
  void cumulativeCountersFromSeveralInstancesSumToWhatTheyCounted() {
    send(Sample.counter("req", labels("a", "200"), at(1), 5), Sample.counter("req", labels("b", "200"), at(1), 7));
    send(Sample.counter("req", labels("a", "200"), at(20), 15), Sample.counter("req", labels("b", "200"), at(20), 8));
    send(Sample.counter("req", labels("a", "200"), at(70), 16));

    List<SeriesCells> series = fx.read("api", "req");
    assertThat(series).hasSize(1);
    assertThat(series.get(0).key().labels()).isEqualTo(Labels.of("status", "200"));
    assertThat(series.get(0).cells()).extracting(MinuteCell::increase).containsExactly(23.0, 1.0);
  }

  @Test
  void counterResetOnInstanceRestartIsNotDoubleCounted() {
    send(Sample.counter("req", labels("a", "200"), at(1), 100));
    send(Sample.counter("req", labels("a", "200"), at(10), 130));
    send(Sample.counter("req", labels("a", "200"), at(20), 4)); // restarted, counted 4 since
    send(Sample.counter("req", labels("a", "200"), at(30), 9));
    assertThat(totalIncrease("req")).isEqualTo(100 + 30 + 4 + 5);
  }

  @Test
  void otlpStartTimeChangeIsAResetEvenWhenTheValueGrew() {
    long start1 = at(0);
    long start2 = at(15);
    send(Sample.counter("req", labels("a", "200"), at(10), 10).withStartTime(start1));
    send(Sample.counter("req", labels("a", "200"), at(20), 12).withStartTime(start2));
    assertThat(totalIncrease("req")).isEqualTo(22);
  }

  @Test
  void firstReadingThatPredatesGlasshouseIsABaseline() {
    long before = T0.minusSeconds(3600).toEpochMilli();
    send(Sample.counter("req", labels("a", "200"), at(10), 1_000).withStartTime(before));
    send(Sample.counter("req", labels("a", "200"), at(20), 1_010).withStartTime(before));
    assertThat(totalIncrease("req")).isEqualTo(10);
  }

  @Test
  void firstReadingWithoutStartTimeInTheGracePeriodIsABaseline() {
    fx.stop();
    RollupConfig d = RollupConfig.defaults();
    fx = new EngineFixture(vertx, dir.resolve("grace"), new RollupConfig(d.instanceLabels(), d.dropLabels(), 100,
        d.lateWindow(), d.staleAfter(), Duration.ofMinutes(2), d.checkpointInterval(), d.queueCapacity(), d.retention(),
        d.instanceRetention()));
    fx.start();
    send(Sample.counter("req", labels("a", "200"), at(10), 5_000));
    send(Sample.counter("req", labels("a", "200"), at(20), 5_004));
    fx.clock.add(Duration.ofMinutes(3));
    send(Sample.counter("req", labels("b", "200"), at(180), 6)); // a new instance after the grace: all new
    assertThat(totalIncrease("req")).isEqualTo(10);
  }

  @Test
  void deltaCountersAddAsTheyAre() {
    send(Sample.deltaCounter("req", labels("a", "200"), at(1), 3), Sample.deltaCounter("req", labels("b", "200"), at(2), 4));
    assertThat(totalIncrease("req")).isEqualTo(7);
  }

  @Test
  void gaugesMergeMinMaxSumCountAndLast() {
    send(Sample.gauge("cpu", labels("a", ""), at(1), 0.2), Sample.gauge("cpu", labels("b", ""), at(2), 0.6));
    send(Sample.gauge("cpu", labels("a", ""), at(30), 0.4));
    MinuteCell c = fx.read("api", "cpu").get(0).cells().get(0);
    assertThat(c.min()).isEqualTo(0.2);
    assertThat(c.max()).isEqualTo(0.6);
    assertThat(c.count()).isEqualTo(3);
    assertThat(c.average()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(c.last()).isEqualTo(0.4);
  }

  @Test
  void cumulativeHistogramsBecomeMergedMinuteHistograms() {
    double[] bounds = {0.1, 0.5, 1.0};
    Buckets first = new Buckets(bounds, new long[] {3, 1, 0, 0}, 4, 0.5);
    Buckets second = new Buckets(bounds, new long[] {5, 2, 1, 1}, 9, 3.0);
    send(Sample.histogram("lat", labels("a", "200"), at(1), Temporality.CUMULATIVE, first),
        Sample.histogram("lat", labels("b", "200"), at(1), Temporality.DELTA, first));
    send(Sample.histogram("lat", labels("a", "200"), at(10), Temporality.CUMULATIVE, second));
    MinuteCell c = fx.read("api", "lat").get(0).cells().get(0);
    assertThat(c.count()).isEqualTo(4 + 4 + 5);
    assertThat(c.histogram().getTotalCount()).isEqualTo(13);
    // at or below 0.1 s: 3 + 3 from the first readings, 2 more from a's second
    assertThat(c.histogram().getCountBetweenValues(0, 100_000)).isEqualTo(8);
  }

  @Test
  void instanceLabelsAreMergedAwayAndKeptLabelsSplitSeries() {
    send(Sample.counter("req", labels("a", "200"), at(1), 1), Sample.counter("req", labels("a", "500"), at(1), 2),
        Sample.counter("req", Labels.of("service", "api", "instance", "b", "pod", "p1", "status", "500"), at(1), 3));
    assertThat(fx.read("api", "req")).hasSize(2);
    assertThat(totalIncrease("req", LabelMatcher.of("status", LabelMatcher.Op.RE, "5.."))).isEqualTo(5);
  }

  @Test
  void atomicBatchOverTheSeriesLimitChangesNothing() {
    fx.stop();
    fx = new EngineFixture(vertx, dir.resolve("limited"), EngineFixture.config(2));
    fx.start();
    send(Sample.counter("req", labels("a", "200"), at(1), 1));
    List<Sample> batch = List.of(Sample.counter("req", labels("a", "500"), at(2), 1),
        Sample.counter("req", labels("a", "503"), at(2), 1), Sample.counter("req", labels("a", "200"), at(2), 2));
    assertThatThrownBy(() -> await(fx.engine.accept(Protocol.REMOTE_WRITE, batch, true)))
        .rootCause().isInstanceOf(SeriesLimitException.class).hasMessageContaining("max-series-per-service");
    assertThat(fx.read("api", "req")).hasSize(1);
    assertThat(totalIncrease("req")).isEqualTo(1);

    IngestResult r = await(fx.engine.accept(Protocol.OTLP, batch, false));
    assertThat(r.accepted()).isEqualTo(2);
    assertThat(r.rejected()).singleElement().satisfies(x -> {
      assertThat(x.reason()).isEqualTo("series_limit");
      assertThat(x.count()).isEqualTo(1);
    });
    assertThat(fx.read("api", "req")).hasSize(2);
  }

  @Test
  void samplesOlderThanTheLateWindowAreRefusedWithAReason() {
    IngestResult r = await(fx.engine.accept(Protocol.OTLP, List.of(
        Sample.deltaCounter("req", labels("a", "200"), T0.minus(Duration.ofHours(2)).toEpochMilli(), 1),
        Sample.deltaCounter("req", labels("a", "200"), T0.minus(Duration.ofMinutes(30)).toEpochMilli(), 2)), false));
    assertThat(r.accepted()).isEqualTo(1);
    assertThat(r.rejected()).extracting(x -> x.reason()).containsExactly("too_late");
    assertThat(totalIncrease("req")).isEqualTo(2);
  }

  @Test
  void lateSamplesLandInTheirOwnMinute() {
    fx.clock.add(Duration.ofMinutes(10));
    send(Sample.deltaCounter("req", labels("a", "200"), at(5), 2));
    send(Sample.deltaCounter("req", labels("a", "200"), at(605), 3));
    assertThat(fx.read("api", "req").get(0).cells()).extracting(MinuteCell::minuteMs)
        .containsExactly(T0.toEpochMilli(), T0.plusSeconds(600).toEpochMilli());
  }

  @Test
  void instanceRegistryTracksLiveAndStaleInstancesAndVersions() {
    send(Sample.gauge("build_info", Labels.of("service", "api", "instance", "a", "version", "1.2"), at(0), 1),
        Sample.gauge("build_info", Labels.of("service", "api", "instance", "b", "version", "1.3"), at(0), 1));
    fx.clock.add(Duration.ofMinutes(4));
    send(Sample.gauge("build_info", Labels.of("service", "api", "instance", "b", "version", "1.3"), at(230), 1));
    fx.clock.add(Duration.ofMinutes(2));
    List<InstanceInfo> inst = await(fx.engine.instances("api"));
    assertThat(inst).extracting(InstanceInfo::instance, InstanceInfo::live, InstanceInfo::version)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", false, "1.2"),
            org.assertj.core.groups.Tuple.tuple("b", true, "1.3"));
    assertThat(await(fx.engine.services())).containsExactly(new ServiceSummary("api", 1, 1, 2));
  }

  @Test
  void checkpointedAndRestartedEngineKeepsCountsAndCounterState() {
    send(Sample.counter("req", labels("a", "200"), at(1), 5));
    await(fx.engine.checkpointNow());
    send(Sample.counter("req", labels("a", "200"), at(2), 8));
    fx.restart();
    send(Sample.counter("req", labels("a", "200"), at(3), 10));
    assertThat(totalIncrease("req")).isEqualTo(10);
  }

  @Test
  void crashWithoutCheckpointRecoversEveryAcknowledgedSampleExactlyOnce() {
    Random rnd = new Random(42);
    double expected = 0;
    double[] cumulative = new double[5];
    for (int round = 0; round < 40; round++) {
      List<Sample> batch = new ArrayList<>();
      for (int i = 0; i < cumulative.length; i++) {
        int inc = rnd.nextInt(10);
        cumulative[i] += inc;
        expected += inc;
        batch.add(Sample.counter("req", labels("i" + i, "200"), at(round), cumulative[i]));
      }
      send(batch.toArray(Sample[]::new));
      if (round == 15) {
        await(fx.engine.checkpointNow());
      }
      if (round == 25) {
        fx.crashAndRestart();
      }
    }
    fx.crashAndRestart();
    assertThat(totalIncrease("req")).isEqualTo(expected);
    fx.restart();
    assertThat(totalIncrease("req")).isEqualTo(expected);
  }

  @Test
  void returningInstanceSeriesNeverCountsAgainWhatItHadCounted() {
    // issue 6, "Double count after eviction": a sender outage longer than two late windows used to re-add the
    // instance's whole cumulative value when it came back (the test expected 5 + 1 + 1 + 5 + 1).
    send(Sample.counter("req", labels("gone", "200"), at(0), 5));
    send(Sample.counter("req", labels("stays", "200"), at(0), 1));
    fx.clock.add(Duration.ofHours(3));
    send(Sample.counter("req", labels("stays", "200"), at(3 * 3600), 2));
    await(fx.engine.checkpointNow()); // the hourly sweep runs after a checkpoint
    await(fx.engine.checkpointNow());
    fx.restart();
    // 'gone' was silent for three hours but is still in the registry: its baseline was kept (across the restart
    // too), so its unchanged reading adds nothing and what it counted since adds once
    send(Sample.counter("req", labels("gone", "200"), at(3 * 3600 + 1), 5));
    send(Sample.counter("req", labels("gone", "200"), at(3 * 3600 + 5), 7));
    // 'stays' kept its state: only the increase counts
    send(Sample.counter("req", labels("stays", "200"), at(3 * 3600 + 2), 3));
    assertThat(totalIncrease("req")).isEqualTo(5 + 1 + 1 + 0 + 2 + 1);
  }

  @Test
  void instancesNotSeenForTheInstanceRetentionLeaveTheRegistry() {
    send(Sample.gauge("up", Labels.of("service", "api", "instance", "old"), at(0), 1));
    fx.clock.add(Duration.ofDays(8));
    long now = fx.clock.millis();
    IngestResult r = await(fx.engine.accept(Protocol.JSON, List.of(
        Sample.gauge("up", Labels.of("service", "api", "instance", "new"), now, 1)), true));
    assertThat(r.accepted()).isEqualTo(1);
    await(fx.engine.checkpointNow()); // the hourly sweep runs after a checkpoint
    await(fx.engine.checkpointNow());
    assertThat(await(fx.engine.instances("api"))).extracting(InstanceInfo::instance).containsExactly("new");
    fx.restart();
    assertThat(await(fx.engine.instances("api"))).extracting(InstanceInfo::instance).containsExactly("new");
  }

  @Test
  void returningCumulativeHistogramNeverCountsAgainWhatItHadCounted() {
    Buckets first = new Buckets(new double[] {0.1, 1}, new long[] {3, 1, 0}, 4, 0.5);
    Buckets later = new Buckets(new double[] {0.1, 1}, new long[] {5, 1, 0}, 6, 0.6);
    send(Sample.histogram("lat", labels("a", "200"), at(0), Temporality.CUMULATIVE, first));
    fx.clock.add(Duration.ofHours(3)); // a sender outage longer than two late windows
    await(fx.engine.checkpointNow());
    await(fx.engine.checkpointNow());
    fx.restart();
    send(Sample.histogram("lat", labels("a", "200"), at(3 * 3600), Temporality.CUMULATIVE, later));
    long count = fx.read("api", "lat").stream().flatMap(s -> s.cells().stream()).mapToLong(MinuteCell::count).sum();
    assertThat(count).isEqualTo(6); // 4, then the 2 observed since; not 4 + 6
  }

  @Test
  void restartsDoNotKeepGoneInstancesBeyondTheInstanceRetention() {
    send(Sample.counter("req", labels("gone", "200"), at(0), 5));
    for (int day = 1; day <= 8; day++) { // a restart every day
      fx.clock.add(Duration.ofDays(1));
      fx.restart();
    }
    await(fx.engine.checkpointNow());
    assertThat(await(fx.engine.instances("api"))).isEmpty();
  }

  @Test
  void readsMergeStoredAndInMemoryMinutes() {
    send(Sample.deltaCounter("req", labels("a", "200"), at(1), 2));
    await(fx.engine.checkpointNow());
    send(Sample.deltaCounter("req", labels("b", "200"), at(2), 3));
    assertThat(fx.read("api", "req").get(0).cells()).extracting(MinuteCell::increase).containsExactly(5.0);
  }
}
