package io.glasshouse.rollup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.series.LatencyHistograms;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.SeriesKey;
import io.vertx.core.Vertx;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RollupStore} keeps; each implementation's test extends this class and says how to
 * create a fresh, empty store.
 */
public abstract class RollupStoreContract extends StoreFixture<RollupStore> {
  protected static final long M0 = 1_795_000_000_000L / 60_000 * 60_000;

  protected RollupStoreContract() {
    super(RollupStore::open, RollupStore::close);
  }

  /** A new, empty store. */
  @Override
  protected abstract RollupStore createStore(Vertx vertx) throws Exception;

  private static final SeriesKey REQ = new SeriesKey("api", "req", MetricKind.COUNTER, Labels.of("status", "200"));
  private static final SeriesKey CPU = new SeriesKey("api", "cpu", MetricKind.GAUGE, Labels.EMPTY);
  private static final SeriesKey LAT = new SeriesKey("api", "lat", MetricKind.HISTOGRAM, Labels.of("uri", "/a"));

  private static MinuteCell counter(long minute, double inc) {
    return new MinuteCell(minute, inc, Double.NaN, Double.NaN, 0, 0, Double.NaN, null);
  }

  private static MinuteCell gauge(long minute, double min, double max, double sum, long count, double last) {
    return new MinuteCell(minute, 0, min, max, sum, count, last, null);
  }

  private static MinuteCell histogram(long minute, long... micros) {
    Histogram h = LatencyHistograms.create();
    double sum = 0;
    for (long us : micros) {
      h.recordValue(us);
      sum += us / 1e6;
    }
    return new MinuteCell(minute, 0, Double.NaN, Double.NaN, sum, micros.length, Double.NaN, h);
  }

  private static Checkpoint checkpoint(long seq, long gen, List<StoredSeries> series, List<CellRow> cells) {
    return new Checkpoint(seq, gen, M0, series, cells, List.of(), List.of(), List.of(), List.of());
  }

  @Test
  void emptyStoreLoadsAsEmpty() {
    StoredState s = await(store.load());
    assertThat(s.journalSeq()).isZero();
    assertThat(s.generation()).isZero();
    assertThat(s.series()).isEmpty();
    assertThat(s.instances()).isEmpty();
    assertThat(s.instanceSeries()).isEmpty();
  }

  @Test
  void checkpointRowsComeBackOnLoad() {
    Buckets b = new Buckets(new double[] {0.1, 1}, new long[] {1, 2, 3}, 6, 4.5);
    await(store.write(new Checkpoint(7, 1, M0, List.of(new StoredSeries(1, REQ), new StoredSeries(2, LAT)), List.of(),
        List.of(new StoredInstance("api", "i-1", M0, M0 + 5000, "1.2"), new StoredInstance("api", "i-2", M0, M0, null)),
        List.of(new StoredInstanceSeries(11, 1, "req", Labels.of("service", "api", "instance", "i-1"), 42, null, M0 - 1, M0),
            new StoredInstanceSeries(12, 2, "lat", Labels.of("service", "api", "instance", "i-1"), Double.NaN, b, 0, M0)),
        List.of(), List.of())));
    StoredState s = await(store.load());
    assertThat(s.journalSeq()).isEqualTo(7);
    assertThat(s.generation()).isEqualTo(1);
    assertThat(s.historyStartMs()).isEqualTo(M0);
    assertThat(s.series()).containsExactly(new StoredSeries(1, REQ), new StoredSeries(2, LAT));
    assertThat(s.instances()).containsExactlyInAnyOrder(new StoredInstance("api", "i-1", M0, M0 + 5000, "1.2"),
        new StoredInstance("api", "i-2", M0, M0, null));
    assertThat(s.instanceSeries()).hasSize(2);
    assertThat(s.instanceSeries().get(0).lastValue()).isEqualTo(42);
    assertThat(s.instanceSeries().get(0).startMs()).isEqualTo(M0 - 1);
    assertThat(s.instanceSeries().get(1).lastBuckets()).isEqualTo(b);
    assertThat(s.instanceSeries().get(1).lastValue()).isNaN();
  }

  @Test
  void eachCheckpointsPendingHistogramPartsReplaceThePreviousOnes() {
    Labels a = Labels.of("instance", "i-1", "__name__", "lat");
    Labels b = Labels.of("instance", "i-2", "__name__", "lat");
    await(store.write(new Checkpoint(1, 1, M0, List.of(new StoredSeries(2, LAT)), List.of(), List.of(), List.of(),
        List.of(), List.of(), List.of(), List.of(new StoredPendingParts(2, a, new byte[] {1}),
            new StoredPendingParts(2, b, new byte[] {2})))));
    assertThat(await(store.load()).pendingParts()).extracting(StoredPendingParts::labels).containsExactly(a, b);

    await(store.write(new Checkpoint(2, 2, M0, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of(new StoredPendingParts(2, b, new byte[] {3})))));
    List<StoredPendingParts> now = await(store.load()).pendingParts();
    assertThat(now).extracting(StoredPendingParts::labels).containsExactly(b);
    assertThat(now.get(0).state()).containsExactly(3);

    await(store.write(new Checkpoint(3, 3, M0, List.of(), List.of(), List.of(), List.of(), List.of(), List.of())));
    assertThat(await(store.load()).pendingParts()).as("nothing pending any more").isEmpty();
  }

  @Test
  void cellsOfLaterCheckpointsMergeIntoStoredCells() {
    await(store.write(checkpoint(1, 1, List.of(new StoredSeries(1, REQ), new StoredSeries(2, CPU), new StoredSeries(3, LAT)),
        List.of(new CellRow(1, counter(M0, 5), Long.MIN_VALUE), new CellRow(2, gauge(M0, 0.2, 0.5, 0.7, 2, 0.5), M0 + 10),
            new CellRow(3, histogram(M0, 1000, 2000), Long.MIN_VALUE)))));
    await(store.write(checkpoint(2, 2, List.of(),
        List.of(new CellRow(1, counter(M0, 3), Long.MIN_VALUE), new CellRow(2, gauge(M0, 0.1, 0.3, 0.4, 2, 0.3), M0 + 5),
            new CellRow(3, histogram(M0, 3000), Long.MIN_VALUE)))));
    StoredCells cells = await(store.read(List.of(1L, 2L, 3L), M0, M0 + 60_000));
    assertThat(cells.generation()).isEqualTo(2);
    assertThat(cells.rows()).hasSize(3);
    MinuteCell req = cells.rows().get(0).cell();
    assertThat(req.increase()).isEqualTo(8);
    MinuteCell cpu = cells.rows().get(1).cell();
    assertThat(cpu.min()).isEqualTo(0.1);
    assertThat(cpu.max()).isEqualTo(0.5);
    assertThat(cpu.sum()).isEqualTo(1.1, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(cpu.count()).isEqualTo(4);
    assertThat(cpu.last()).as("the reading with the later timestamp wins").isEqualTo(0.5);
    MinuteCell lat = cells.rows().get(2).cell();
    assertThat(lat.count()).isEqualTo(3);
    assertThat(lat.histogram().getTotalCount()).isEqualTo(3);
    assertThat(lat.histogram().getMaxValue()).isBetween(2990L, 3010L);
  }

  @Test
  void readReturnsOnlyTheRangeInMinuteOrder() {
    await(store.write(checkpoint(1, 1, List.of(new StoredSeries(1, REQ)), List.of(
        new CellRow(1, counter(M0 + 120_000, 3), Long.MIN_VALUE), new CellRow(1, counter(M0, 1), Long.MIN_VALUE),
        new CellRow(1, counter(M0 + 60_000, 2), Long.MIN_VALUE), new CellRow(1, counter(M0 + 180_000, 4), Long.MIN_VALUE)))));
    StoredCells cells = await(store.read(List.of(1L), M0 + 60_000, M0 + 180_000));
    assertThat(cells.rows()).extracting(r -> r.cell().increase()).containsExactly(2.0, 3.0);
  }

  @Test
  void aFailedCheckpointChangesNothing() {
    await(store.write(checkpoint(1, 1, List.of(new StoredSeries(1, REQ)), List.of(new CellRow(1, counter(M0, 1), 0)))));
    Checkpoint bad = checkpoint(2, 2, List.of(new StoredSeries(2, new SeriesKey(null, "x", MetricKind.GAUGE, Labels.EMPTY))),
        List.of(new CellRow(1, counter(M0, 100), 0)));
    assertThatThrownBy(() -> await(store.write(bad))).isInstanceOf(AssertionError.class);
    StoredState s = await(store.load());
    assertThat(s.journalSeq()).isEqualTo(1);
    assertThat(s.series()).hasSize(1);
    assertThat(await(store.read(List.of(1L), M0, M0 + 60_000)).rows()).singleElement()
        .satisfies(r -> assertThat(r.cell().increase()).isEqualTo(1));
  }

  @Test
  void evictedInstanceSeriesAndInstancesAreDeleted() {
    StoredInstance a = new StoredInstance("api", "a", M0, M0, null);
    StoredInstance b = new StoredInstance("api", "b", M0, M0, "2.0");
    await(store.write(new Checkpoint(1, 1, M0, List.of(new StoredSeries(1, REQ)), List.of(), List.of(a, b),
        List.of(new StoredInstanceSeries(11, 1, "req", Labels.of("instance", "a"), 1, null, 0, M0),
            new StoredInstanceSeries(12, 1, "req", Labels.of("instance", "b"), 2, null, 0, M0)), List.of(),
        List.of())));
    await(store.write(new Checkpoint(2, 2, M0, List.of(), List.of(), List.of(), List.of(), List.of(11L),
        List.of(a))));
    StoredState s = await(store.load());
    assertThat(s.instanceSeries()).extracting(StoredInstanceSeries::id).containsExactly(12L);
    assertThat(s.instances()).containsExactly(b);
  }

  @Test
  void retentionDeletesOldCells() {
    await(store.write(checkpoint(1, 1, List.of(new StoredSeries(1, REQ)), List.of(
        new CellRow(1, counter(M0, 1), 0), new CellRow(1, counter(M0 + 60_000, 2), 0)))));
    assertThat(await(store.deleteCellsBefore(M0 + 60_000))).isEqualTo(1);
    assertThat(await(store.read(List.of(1L), 0, Long.MAX_VALUE)).rows()).hasSize(1);
  }

  @Test
  void aRetriedCheckpointWhoseGenerationIsCommittedDoesNotMergeItsCellsTwice() {
    Checkpoint cp = checkpoint(3, 1, List.of(new StoredSeries(1, REQ), new StoredSeries(3, LAT)),
        List.of(new CellRow(1, counter(M0, 5), 0), new CellRow(3, histogram(M0, 1000), 0)));
    await(store.write(cp));
    await(store.write(cp)); // the reply of the first write was lost; the engine retries

    StoredCells cells = await(store.read(List.of(1L, 3L), M0, M0 + 60_000));
    assertThat(cells.generation()).isEqualTo(1);
    assertThat(cells.rows()).extracting(r -> r.cell().increase()).containsExactly(5.0, 0.0);
    assertThat(cells.rows().get(1).cell().histogram().getTotalCount()).isEqualTo(1);
    assertThat(await(store.load()).journalSeq()).isEqualTo(3);
  }

  @Test
  void aCheckpointThatDoesNotFollowTheStoredGenerationIsRefusedAndChangesNothing() {
    await(store.write(checkpoint(1, 1, List.of(new StoredSeries(1, REQ)), List.of(new CellRow(1, counter(M0, 1), 0)))));
    assertThatThrownBy(() -> await(store.write(checkpoint(5, 3, List.of(), List.of(new CellRow(1, counter(M0, 7), 0))))))
        .hasMessageContaining("generation");
    assertThat(await(store.read(List.of(1L), M0, M0 + 60_000)).rows()).singleElement()
        .satisfies(r -> assertThat(r.cell().increase()).isEqualTo(1));
    assertThat(await(store.load()).generation()).isEqualTo(1);
  }

  @Test
  void aCellThatCannotBeEncodedIsQuarantinedAndTheRestCommits() {
    Histogram overflowed = LatencyHistograms.create();
    overflowed.recordValueWithCount(1000, Long.MAX_VALUE / 2 + 1);
    overflowed.recordValueWithCount(1000, Long.MAX_VALUE / 2 + 1); // the count wraps negative
    MinuteCell bad = new MinuteCell(M0, 0, Double.NaN, Double.NaN, 1, 2, Double.NaN, overflowed);
    await(store.write(checkpoint(1, 1, List.of(new StoredSeries(1, REQ), new StoredSeries(3, LAT)),
        List.of(new CellRow(1, counter(M0, 4), 0), new CellRow(3, bad, 0), new CellRow(1, counter(M0 + 60_000, 2), 0)))));

    assertThat(store.quarantinedCells()).isEqualTo(1);
    assertThat(await(store.read(List.of(1L, 3L), M0, M0 + 120_000)).rows()).extracting(r -> r.cell().increase())
        .containsExactly(4.0, 2.0);
    assertThat(await(store.load()).generation()).isEqualTo(1);
  }

  @Test
  void aCellWhoseMergeFailsIsQuarantinedAndTheRestCommits() {
    Histogram half = LatencyHistograms.create();
    half.recordValueWithCount(1000, Long.MAX_VALUE / 2 + 1);
    MinuteCell big = new MinuteCell(M0, 0, Double.NaN, Double.NaN, 1, Long.MAX_VALUE / 2 + 1, Double.NaN, half);
    await(store.write(checkpoint(1, 1, List.of(new StoredSeries(1, REQ), new StoredSeries(3, LAT)),
        List.of(new CellRow(3, big, 0)))));
    // merging the same again overflows the stored histogram's counts: only that cell is dropped
    await(store.write(checkpoint(2, 2, List.of(), List.of(new CellRow(1, counter(M0, 4), 0), new CellRow(3, big, 0),
        new CellRow(1, counter(M0 + 60_000, 2), 0)))));

    assertThat(store.quarantinedCells()).isEqualTo(1);
    StoredCells cells = await(store.read(List.of(1L, 3L), M0, M0 + 120_000));
    assertThat(cells.generation()).isEqualTo(2);
    assertThat(cells.rows()).extracting(r -> r.cell().increase()).containsExactly(4.0, 2.0, 0.0);
    assertThat(cells.rows().get(2).cell().histogram().getTotalCount()).isEqualTo(Long.MAX_VALUE / 2 + 1);
  }

  private static final long H = 3_600_000L;
  private static final long D = 86_400_000L;
  /** The start of the UTC day holding M0. */
  private static final long D0 = M0 / D * D;

  /** Minute cells over two days and two hours of each: counter 1..4, gauge, histogram; written in two checkpoints. */
  private void writeCellsOverHoursAndDays() {
    await(store.write(checkpoint(1, 1, List.of(new StoredSeries(1, REQ), new StoredSeries(2, CPU),
        new StoredSeries(3, LAT)), List.of(
            new CellRow(1, counter(D0, 1), Long.MIN_VALUE), new CellRow(1, counter(D0 + 60_000, 2), Long.MIN_VALUE),
            new CellRow(1, counter(D0 + H, 4), Long.MIN_VALUE), new CellRow(1, counter(D0 + D + 5 * H, 8), Long.MIN_VALUE),
            new CellRow(2, gauge(D0, 3, 7, 10, 2, 7), D0 + 50_000), new CellRow(2, gauge(D0 + 60_000, 1, 2, 3, 2, 2),
                D0 + 70_000),
            new CellRow(3, histogram(D0, 1000, 2000), Long.MIN_VALUE),
            new CellRow(3, histogram(D0 + 2 * 60_000, 3000), Long.MIN_VALUE)))));
    // a later checkpoint with a late minute in an hour and a day already downsampled
    await(store.write(checkpoint(2, 2, List.of(), List.of(
        new CellRow(1, counter(D0 + 60_000, 16), Long.MIN_VALUE),
        new CellRow(2, gauge(D0 + 30 * 60_000, 0, 5, 5, 1, 5), D0 + 30 * 60_000 + 1),
        new CellRow(3, histogram(D0 + 60_000, 4000), Long.MIN_VALUE)))));
  }

  @Test
  void hourAndDayCellsAreTheExactMergeOfTheirMinutesLateOnesIncluded() {
    writeCellsOverHoursAndDays();

    StoredCells hours = await(store.read(List.of(1L, 2L, 3L), D0, D0 + 2 * D, io.glasshouse.rollup.series.Resolution.HOUR));
    assertThat(hours.generation()).isEqualTo(2);
    assertThat(hours.rows()).extracting(CellRow::seriesId, r -> r.cell().minuteMs(), r -> r.cell().increase())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, D0, 19.0), org.assertj.core.groups.Tuple.tuple(1L, D0 + H, 4.0),
            org.assertj.core.groups.Tuple.tuple(1L, D0 + D + 5 * H, 8.0), org.assertj.core.groups.Tuple.tuple(2L, D0, 0.0),
            org.assertj.core.groups.Tuple.tuple(3L, D0, 0.0));
    MinuteCell cpu = hours.rows().get(3).cell();
    assertThat(new double[] {cpu.min(), cpu.max(), cpu.sum(), cpu.count(), cpu.last()})
        .containsExactly(0, 7, 18, 5, 5); // last: the reading at D0 + 30 min + 1 ms, the latest
    MinuteCell lat = hours.rows().get(4).cell();
    assertThat(lat.count()).isEqualTo(4);
    assertThat(lat.histogram().getTotalCount()).isEqualTo(4);
    assertThat(lat.histogram().getValueAtPercentile(100)).isEqualTo(lat.histogram().highestEquivalentValue(4000));

    StoredCells days = await(store.read(List.of(1L, 2L, 3L), D0, D0 + 2 * D, io.glasshouse.rollup.series.Resolution.DAY));
    assertThat(days.rows()).extracting(CellRow::seriesId, r -> r.cell().minuteMs(), r -> r.cell().increase())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, D0, 23.0), org.assertj.core.groups.Tuple.tuple(1L, D0 + D, 8.0),
            org.assertj.core.groups.Tuple.tuple(2L, D0, 0.0), org.assertj.core.groups.Tuple.tuple(3L, D0, 0.0));
    assertThat(days.rows().get(3).cell().histogram().getTotalCount()).isEqualTo(4);
    assertThat(await(store.read(List.of(1L), D0, D0 + D, io.glasshouse.rollup.series.Resolution.DAY)).rows())
        .as("only cells starting in [from, to)").hasSize(1);
  }

  @Test
  void aRetriedCheckpointMergesItsHoursAndDaysOnceToo() {
    Checkpoint cp = checkpoint(1, 1, List.of(new StoredSeries(1, REQ), new StoredSeries(3, LAT)),
        List.of(new CellRow(1, counter(D0, 5), 0), new CellRow(3, histogram(D0, 1000), 0)));
    await(store.write(cp));
    await(store.write(cp));
    for (io.glasshouse.rollup.series.Resolution r : io.glasshouse.rollup.series.Resolution.values()) {
      StoredCells cells = await(store.read(List.of(1L, 3L), D0, D0 + D, r));
      assertThat(cells.rows()).as(r.name()).extracting(x -> x.cell().increase()).containsExactly(5.0, 0.0);
      assertThat(cells.rows().get(1).cell().histogram().getTotalCount()).as(r.name()).isEqualTo(1);
    }
  }

  @Test
  void aCheckpointRefusedForItsGenerationLeavesHoursAndDaysAsTheyWere() {
    await(store.write(checkpoint(1, 1, List.of(new StoredSeries(1, REQ)), List.of(new CellRow(1, counter(D0, 1), 0)))));
    assertThatThrownBy(() -> await(store.write(checkpoint(5, 3, List.of(), List.of(new CellRow(1, counter(D0, 7), 0))))))
        .hasMessageContaining("generation");
    assertThat(await(store.read(List.of(1L), D0, D0 + D, io.glasshouse.rollup.series.Resolution.DAY)).rows())
        .singleElement().satisfies(r -> assertThat(r.cell().increase()).isEqualTo(1));
  }

  @Test
  void retentionDeletesExactlyTheExpiredCellsOfEachResolutionInBatches() {
    writeCellsOverHoursAndDays();
    io.glasshouse.rollup.series.Resolution hour = io.glasshouse.rollup.series.Resolution.HOUR;
    io.glasshouse.rollup.series.Resolution day = io.glasshouse.rollup.series.Resolution.DAY;
    io.glasshouse.rollup.series.Resolution minute = io.glasshouse.rollup.series.Resolution.MINUTE;
    // minutes before D0 + 2 min: 6 cells (req ×2, cpu ×2, lat ×2); at most 4 per batch
    assertThat(await(store.deleteCellsBefore(minute, D0 + 2 * 60_000, 4))).isEqualTo(4);
    assertThat(await(store.deleteCellsBefore(minute, D0 + 2 * 60_000, 4))).isEqualTo(2);
    assertThat(await(store.deleteCellsBefore(minute, D0 + 2 * 60_000, 4))).isZero();
    assertThat(await(store.read(List.of(1L, 2L, 3L), 0, Long.MAX_VALUE)).rows())
        .extracting(r -> r.cell().minuteMs()).containsExactly(D0 + H, D0 + D + 5 * H, D0 + 30 * 60_000, D0 + 2 * 60_000);
    // hours before D0 + 1 h: the three of D0
    assertThat(await(store.deleteCellsBefore(hour, D0 + H, 100))).isEqualTo(3);
    assertThat(await(store.read(List.of(1L, 2L, 3L), 0, Long.MAX_VALUE, hour)).rows())
        .extracting(r -> r.cell().minuteMs()).containsExactly(D0 + H, D0 + D + 5 * H);
    // days were not touched by either; days before D0 + 1 d: three
    assertThat(await(store.read(List.of(1L, 2L, 3L), 0, Long.MAX_VALUE, day)).rows()).hasSize(4);
    assertThat(await(store.deleteCellsBefore(day, D0 + D, 100))).isEqualTo(3);
    assertThat(await(store.read(List.of(1L, 2L, 3L), 0, Long.MAX_VALUE, day)).rows())
        .extracting(r -> r.cell().minuteMs()).containsExactly(D0 + D);
    // hours and days keep what left the minutes
    assertThat(await(store.read(List.of(1L), 0, Long.MAX_VALUE, hour)).rows()).extracting(r -> r.cell().increase())
        .containsExactly(4.0, 8.0);
  }

  @Test
  void aRetiredSeriesLeavesEveryResolution() {
    writeCellsOverHoursAndDays();
    await(store.write(new Checkpoint(3, 3, M0, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(1L))));
    for (io.glasshouse.rollup.series.Resolution r : io.glasshouse.rollup.series.Resolution.values()) {
      assertThat(await(store.read(List.of(1L), 0, Long.MAX_VALUE, r)).rows()).as(r.name()).isEmpty();
      assertThat(await(store.read(List.of(2L), 0, Long.MAX_VALUE, r)).rows()).as(r.name()).isNotEmpty();
    }
    assertThat(await(store.load()).series()).extracting(StoredSeries::id).containsExactly(2L, 3L);
  }

  @Test
  void aSeriesWhoseMinutesExpiredStillLoadsWithTheNewestCellOfAnyResolution() {
    writeCellsOverHoursAndDays();
    await(store.deleteCellsBefore(io.glasshouse.rollup.series.Resolution.MINUTE, Long.MAX_VALUE, 1000));
    assertThat(await(store.load()).series()).filteredOn(s -> s.id() == 1L).singleElement()
        .satisfies(s -> assertThat(s.lastMinuteMs()).isEqualTo(D0 + D + 5 * H));
    await(store.deleteCellsBefore(io.glasshouse.rollup.series.Resolution.HOUR, Long.MAX_VALUE, 1000));
    assertThat(await(store.load()).series()).filteredOn(s -> s.id() == 1L).singleElement()
        .satisfies(s -> assertThat(s.lastMinuteMs()).isEqualTo(D0 + D));
  }

  @Test
  void labelsWithAnyCharactersComeBackAsTheyWere() {
    List<Labels> awkward = AwkwardLabels.all();
    List<StoredSeries> series = new java.util.ArrayList<>();
    List<StoredInstanceSeries> instanceSeries = new java.util.ArrayList<>();
    for (int i = 0; i < awkward.size(); i++) {
      series.add(new StoredSeries(i + 1, new SeriesKey("api", "req", MetricKind.COUNTER, awkward.get(i))));
      instanceSeries.add(new StoredInstanceSeries(100 + i, i + 1, "req", awkward.get(i), i, null, 0, M0));
    }
    await(store.write(new Checkpoint(1, 1, M0, series, List.of(), List.of(), instanceSeries, List.of(), List.of())));

    StoredState s = await(store.load());
    assertThat(s.series()).extracting(x -> x.key().labels()).containsExactlyElementsOf(awkward);
    assertThat(s.instanceSeries()).extracting(StoredInstanceSeries::labels).containsExactlyElementsOf(awkward);
  }
}
