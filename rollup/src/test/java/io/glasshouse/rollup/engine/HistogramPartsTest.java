package io.glasshouse.rollup.engine;

import static io.glasshouse.rollup.engine.EngineFixture.T0;
import static io.glasshouse.rollup.engine.EngineFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.ingest.IngestResult;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.series.LatencyHistograms;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.SeriesCells;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7: the {@code _bucket}, {@code _count} and {@code _sum} series of a Prometheus classic histogram arrive
 * as separate parts, cut into requests wherever the sender's batch limit falls. Each part is its own cumulative
 * series; their increases merge into the service's histogram exactly, whatever the split and the order.
 */
class HistogramPartsTest {
  static final double[] LE = {0.1, 0.5, 1.0};
  static final String INF = "+Inf";

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

  /** One scrape's cumulative readings of one instance's histogram. */
  record Scrape(String instance, long ts, long[] cumulative, long count, double sum) {
    List<Sample> parts() {
      Labels base = Labels.of("service", "api", "instance", instance, "route", "/a");
      List<Sample> out = new ArrayList<>();
      for (int b = 0; b < LE.length; b++) {
        out.add(Sample.histogramPart("lat_bucket", base.with("le", Double.toString(LE[b])), ts, cumulative[b]));
      }
      out.add(Sample.histogramPart("lat_bucket", base.with("le", INF), ts, count));
      out.add(Sample.histogramPart("lat_count", base, ts, count));
      out.add(Sample.histogramPart("lat_sum", base, ts, sum));
      return out;
    }
  }

  @Test
  void histogramPartsSplitAcrossBatchesInAnyOrderMergeExactlyThroughResets() {
    Random rnd = new Random(7);
    Map<String, long[]> perValue = new HashMap<>();
    Map<String, long[]> previousCumulative = new HashMap<>();
    Map<String, Long> previousCount = new HashMap<>();
    Map<Long, long[]> expectedBuckets = new TreeMap<>(); // minute -> increase at or below each bound, then count
    Map<Long, Double> expectedSum = new TreeMap<>();
    Map<String, Double> previousSum = new HashMap<>();
    List<Sample> all = new ArrayList<>();
    double[] observed = {0.0625, 0.25, 0.75, 2.0}; // binary fractions: sums stay exact
    for (int step = 0; step < 30; step++) {
      long ts = T0.plusSeconds(5L * step).toEpochMilli();
      for (String inst : List.of("a", "b", "c")) {
        if (inst.equals("c") && step < 10) {
          continue; // c appears later
        }
        long[] pv = perValue.computeIfAbsent(inst, k -> new long[observed.length]);
        if (inst.equals("b") && step == 15) {
          Arrays.fill(pv, 0); // b restarts
        }
        for (int j = 0; j < pv.length; j++) {
          pv[j] += rnd.nextInt(4);
        }
        long[] cumulative = new long[LE.length];
        long count = 0;
        double sum = 0;
        for (int j = 0; j < pv.length; j++) {
          count += pv[j];
          sum += pv[j] * observed[j];
          for (int b = 0; b < LE.length; b++) {
            cumulative[b] += observed[j] <= LE[b] ? pv[j] : 0;
          }
        }
        all.addAll(new Scrape(inst, ts, cumulative, count, sum).parts());
        long minute = Math.floorDiv(ts, 60_000L) * 60_000L;
        long[] exp = expectedBuckets.computeIfAbsent(minute, k -> new long[LE.length + 1]);
        long[] prev = previousCumulative.get(inst);
        boolean reset = prev != null && count < previousCount.get(inst);
        for (int b = 0; b < LE.length; b++) {
          exp[b] += prev == null || reset ? cumulative[b] : cumulative[b] - prev[b];
        }
        exp[LE.length] += prev == null || reset ? count : count - previousCount.get(inst);
        double ps = previousSum.getOrDefault(inst, Double.NaN);
        expectedSum.merge(minute, Double.isNaN(ps) || reset ? sum : sum - ps, Double::sum);
        previousCumulative.put(inst, cumulative);
        previousCount.put(inst, count);
        previousSum.put(inst, sum);
      }
    }
    // Within each window of two scrapes, interleave the series at random, each series in order (as remote write
    // requires; Prometheus shards series over queues that send concurrently); then cut into requests of 5 samples.
    List<Sample> shuffled = new ArrayList<>();
    Map<Long, List<Sample>> byWindow = new TreeMap<>();
    for (Sample s : all) {
      byWindow.computeIfAbsent((s.timestampMs() - T0.toEpochMilli()) / 10_000, k -> new ArrayList<>()).add(s);
    }
    for (List<Sample> window : byWindow.values()) {
      Map<String, ArrayDeque<Sample>> queues = new LinkedHashMap<>();
      for (Sample s : window) {
        queues.computeIfAbsent(s.metric() + s.labels(), k -> new ArrayDeque<>()).add(s);
      }
      List<ArrayDeque<Sample>> open = new ArrayList<>(queues.values());
      while (!open.isEmpty()) {
        int q = rnd.nextInt(open.size());
        shuffled.add(open.get(q).poll());
        if (open.get(q).isEmpty()) {
          open.remove(q);
        }
      }
    }
    for (int i = 0; i < shuffled.size(); i += 5) {
      IngestResult r = send(shuffled.subList(i, Math.min(shuffled.size(), i + 5)));
      assertThat(r.rejected()).isEmpty();
      if (i == 200) {
        await(fx.engine.checkpointNow()); // a checkpoint between parts of one scrape changes nothing
      }
    }

    List<SeriesCells> series = fx.read("api", "lat");
    assertThat(series).hasSize(1);
    assertThat(series.get(0).key().labels()).isEqualTo(Labels.of("route", "/a"));
    Map<Long, long[]> actual = new TreeMap<>();
    Map<Long, Double> actualSum = new TreeMap<>();
    for (MinuteCell c : series.get(0).cells()) {
      long[] a = new long[LE.length + 1];
      for (int b = 0; b < LE.length; b++) {
        a[b] = c.histogram() == null ? 0 : c.histogram().getCountBetweenValues(0, LatencyHistograms.toMicros(LE[b]));
      }
      a[LE.length] = c.count();
      actual.put(c.minuteMs(), a);
      actualSum.put(c.minuteMs(), c.sum());
    }
    assertThat(actual).usingRecursiveComparison().isEqualTo(expectedBuckets);
    assertThat(actualSum).isEqualTo(expectedSum);
    assertThat(fx.read("api", "lat_count")).as("no stray counter series").isEmpty();
    assertThat(fx.read("api", "lat_bucket")).as("no stray counter series").isEmpty();
  }

  @Test
  void histogramPartsReplayedFromTheJournalAfterACrashCountOnce() {
    Scrape first = new Scrape("a", T0.plusSeconds(1).toEpochMilli(), new long[] {1, 2, 3}, 4, 1.5);
    Scrape second = new Scrape("a", T0.plusSeconds(20).toEpochMilli(), new long[] {3, 5, 6}, 8, 3.5);
    send(first.parts().subList(0, 3));
    send(first.parts().subList(3, 6));
    send(second.parts());
    fx.crashAndRestart();
    MinuteCell c = fx.read("api", "lat").get(0).cells().get(0);
    assertThat(c.count()).isEqualTo(8);
    assertThat(c.sum()).isEqualTo(3.5);
    assertThat(c.histogram().getCountBetweenValues(0, LatencyHistograms.toMicros(0.1))).isEqualTo(3);
  }

  @Test
  void aScrapeHalfAcknowledgedWhenTheEngineCrashesCountsWholeOnceItsOtherPartsArrive() {
    Scrape first = new Scrape("a", T0.plusSeconds(1).toEpochMilli(), new long[] {1, 2, 3}, 4, 1.5);
    Scrape second = new Scrape("a", T0.plusSeconds(20).toEpochMilli(), new long[] {3, 5, 6}, 8, 3.5);
    send(first.parts());
    await(fx.engine.checkpointNow()); // the histogram and its layout are known to the store
    send(second.parts().subList(3, 5)); // le="+Inf" and _count acknowledged ...
    fx.crashAndRestart(); // ... then a crash: no checkpoint, the journal replays them on start
    send(second.parts().subList(0, 3)); // the finite buckets and _sum arrive after the restart
    send(second.parts().subList(5, 6));
    MinuteCell c = fx.read("api", "lat").get(0).cells().get(0);
    assertThat(c.count()).as("the exporter's count").isEqualTo(8);
    assertThat(c.sum()).isEqualTo(3.5);
    assertThat(c.histogram().getCountBetweenValues(0, LatencyHistograms.toMicros(0.1))).isEqualTo(3);
    assertThat(c.histogram().getCountBetweenValues(0, LatencyHistograms.toMicros(0.5))).isEqualTo(5);
    assertThat(c.histogram().getCountBetweenValues(0, LatencyHistograms.toMicros(1.0))).isEqualTo(6);
  }

  @Test
  void aScrapeHalfArrivedWhenACheckpointCommitsCountsExactlyAfterACrash() {
    halfArrivedScrapeSurvivesACrash(true);
  }

  @Test
  void aScrapeHalfArrivedWhenTheEngineCrashesWithoutACheckpointCountsExactlyFromTheJournal() {
    halfArrivedScrapeSurvivesACrash(false);
  }

  /**
   * Parts A of a scrape (the lower buckets and {@code _sum}) arrive, optionally a checkpoint commits (storing the
   * parts' baselines and deleting the journal that carried them), the engine crashes, and parts B (the upper
   * buckets, {@code +Inf} and {@code _count}) arrive after the restart: every bucket equals the exporter's.
   */
  private void halfArrivedScrapeSurvivesACrash(boolean checkpointBetween) {
    Scrape first = new Scrape("a", T0.plusSeconds(1).toEpochMilli(), new long[] {1, 2, 3}, 4, 1.5);
    // every interval of the second scrape has observations: (-inf, 0.1] 2, (0.1, 0.5] 1, (0.5, 1] 2, (1, +Inf] 1
    Scrape second = new Scrape("a", T0.plusSeconds(20).toEpochMilli(), new long[] {3, 5, 8}, 10, 3.5);
    send(first.parts());
    await(fx.engine.checkpointNow());
    List<Sample> parts = second.parts();
    send(List.of(parts.get(0), parts.get(1), parts.get(5))); // le=0.1, le=0.5 and _sum: parts A
    if (checkpointBetween) {
      await(fx.engine.checkpointNow());
    }
    fx.crashAndRestart();
    send(List.of(parts.get(2), parts.get(3), parts.get(4))); // le=1.0, le=+Inf and _count: parts B
    MinuteCell c = fx.read("api", "lat").get(0).cells().get(0);
    assertThat(c.count()).as("the exporter's count").isEqualTo(10);
    assertThat(c.sum()).isEqualTo(3.5);
    assertThat(c.histogram().getCountBetweenValues(0, LatencyHistograms.toMicros(0.1))).isEqualTo(3);
    assertThat(c.histogram().getCountBetweenValues(0, LatencyHistograms.toMicros(0.5))).isEqualTo(5);
    assertThat(c.histogram().getCountBetweenValues(0, LatencyHistograms.toMicros(1.0))).isEqualTo(8);
    assertThat(c.histogram().getTotalCount()).isEqualTo(10);
    fx.restart(); // and the scrape, once whole, is no longer pending: a clean restart counts nothing again
    MinuteCell again = fx.read("api", "lat").get(0).cells().get(0);
    assertThat(again.count()).isEqualTo(10);
    assertThat(again.histogram().getTotalCount()).isEqualTo(10);
  }

  private IngestResult send(List<Sample> samples) {
    return await(fx.engine.accept(Protocol.REMOTE_WRITE, List.copyOf(samples), true));
  }
}
