package io.glasshouse.rollup.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.series.LatencyHistograms;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.Resolution;
import io.glasshouse.rollup.series.SeriesKey;
import io.glasshouse.rollup.store.CellRow;
import io.glasshouse.rollup.store.Checkpoint;
import io.glasshouse.rollup.store.StoredCells;
import io.glasshouse.rollup.store.StoredSeries;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint of many large histograms is encoded and rolled up off the event loops: with a single event loop,
 * a periodic timer on it keeps firing while the store's encoder is held in the middle of a checkpoint. (Before,
 * the encoding ran on an event loop: Vert.x reported it blocked for seconds after a 90-day backfill, and a
 * server's stop ran out of time under load.)
 */
class CheckpointOffTheEventLoopTest {
  private static final long M0 = 1_795_000_000_000L / 60_000 * 60_000;

  @TempDir
  Path dir;
  final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  @Test
  void anEventLoopKeepsAnsweringWhileACheckpointOfLargeHistogramsIsEncoded() throws Exception {
    SqliteRollupStore store = SqliteRollupStore.create(vertx, dir);
    await(store.open());
    List<StoredSeries> series = new ArrayList<>();
    List<CellRow> cells = new ArrayList<>();
    for (int s = 1; s <= 20; s++) {
      series.add(new StoredSeries(s, new SeriesKey("api", "lat", MetricKind.HISTOGRAM, Labels.of("uri", "/" + s))));
      for (int m = 0; m < 30; m++) {
        Histogram h = LatencyHistograms.create();
        for (long v = 1; v < 2_000_000; v = v * 11 / 10 + 1) {
          h.recordValueWithCount(v, m + 1);
        }
        cells.add(new CellRow(s, new MinuteCell(M0 + m * 60_000L, 0, Double.NaN, Double.NaN, 0, h.getTotalCount(),
            Double.NaN, h), M0));
      }
    }

    // the only event loop's probe counts its ticks into the latch of the encoding under way, if any
    AtomicReference<CountDownLatch> probeTicks = new AtomicReference<>(new CountDownLatch(0));
    vertx.setPeriodic(1, id -> probeTicks.get().countDown());
    AtomicBoolean probeRanWhileEncoding = new AtomicBoolean();
    CountDownLatch encoding = new CountDownLatch(1);
    store.whileEncoding = () -> {
      CountDownLatch ticks = new CountDownLatch(3);
      probeTicks.set(ticks);
      encoding.countDown();
      try {
        // held until the probe ticked three times since the encoding began; on the event loop it could not
        probeRanWhileEncoding.set(ticks.await(20, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };

    Future<Void> written = store.write(new Checkpoint(1, 1, M0, series, cells, List.of(), List.of(), List.of(),
        List.of()));
    assertThat(encoding.await(30, TimeUnit.SECONDS)).isTrue();
    await(written);

    assertThat(probeRanWhileEncoding).isTrue();
    StoredCells minutes = await(store.read(List.of(1L, 20L), M0, M0 + 30 * 60_000L));
    assertThat(minutes.rows()).hasSize(60);
    StoredCells hours = await(store.read(List.of(7L), Resolution.HOUR.floor(M0),
        Resolution.HOUR.ceil(M0 + 30 * 60_000L), Resolution.HOUR));
    assertThat(hours.rows().stream().mapToLong(r -> r.cell().count()).sum())
        .isEqualTo(cells.stream().filter(r -> r.seriesId() == 7).mapToLong(r -> r.cell().count()).sum());
    await(store.close());
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
