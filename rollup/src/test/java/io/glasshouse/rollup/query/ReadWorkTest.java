package io.glasshouse.rollup.query;

import static io.glasshouse.rollup.query.Cells.minute;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.series.InstanceInfo;
import io.glasshouse.rollup.series.MetricInfo;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.RollupReader;
import io.glasshouse.rollup.series.SeriesCells;
import io.glasshouse.rollup.series.ServiceSummary;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Large histogram merges run on the {@value ReadWork#POOL} pool, never on the event loop that asked: with every
 * thread of that pool held, a small query still answers on the event loop while a large one waits for the pool.
 */
class ReadWorkTest {
  private static final int LARGE = ReadWork.INLINE_HISTOGRAM_CELLS + 36;
  Vertx vertx;
  WorkerExecutor pool;
  CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    release.countDown();
    if (pool != null) {
      pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static RollupReader histograms(int minutes) {
    List<MinuteCell> cells = new ArrayList<>();
    for (int m = 0; m < minutes; m++) {
      cells.add(Cells.histogram(m, 1_000, 2_000, 40_000 + m));
    }
    return new RollupReader() {
      @Override
      public Future<List<ServiceSummary>> services() {
        return Future.succeededFuture(List.of(new ServiceSummary("api", 1, 0, 1)));
      }

      @Override
      public Future<List<InstanceInfo>> instances(String service) {
        return Future.succeededFuture(List.of());
      }

      @Override
      public Future<List<MetricInfo>> metrics(String service) {
        return Future.succeededFuture(List.of(new MetricInfo("lat", MetricKind.HISTOGRAM, 1)));
      }

      @Override
      public Future<List<SeriesCells>> cells(String s, String m, List<LabelMatcher> matchers, long from, long to) {
        return Future.succeededFuture(List.of(Cells.series(MetricKind.HISTOGRAM, Labels.EMPTY,
            cells.toArray(MinuteCell[]::new))));
      }
    };
  }

  private static RangeQuery p99Over(int minutes) {
    return new RangeQuery("api", "lat", Aggregation.parse("p99", null, null), List.of(), List.of(),
        StepWindows.of(minute(0), minute(minutes), Duration.ofMinutes(minutes)));
  }

  /** Holds every thread of the read pool until {@link #release}. */
  private void holdTheReadPool() throws InterruptedException {
    pool = vertx.createSharedWorkerExecutor(ReadWork.POOL, ReadWork.POOL_SIZE);
    CountDownLatch running = new CountDownLatch(ReadWork.POOL_SIZE);
    for (int i = 0; i < ReadWork.POOL_SIZE; i++) {
      pool.executeBlocking(() -> {
        running.countDown();
        return release.await(60, TimeUnit.SECONDS);
      }, false);
    }
    assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aLargeHistogramMergeWaitsForTheReadPoolWhileASmallOneAnswersOnTheEventLoop() throws Exception {
    holdTheReadPool();
    Promise<QueryResult> large = Promise.promise();
    Promise<QueryResult> small = Promise.promise();
    Promise<String> smallThread = Promise.promise();
    vertx.runOnContext(v -> {
      new QueryService(histograms(LARGE), vertx).query(p99Over(LARGE)).onComplete(large);
      new QueryService(histograms(10), vertx).query(p99Over(10)).onComplete(small)
          .onComplete(x -> smallThread.complete(Thread.currentThread().getName()));
    });
    QueryResult smallResult = small.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(smallResult.series()).hasSize(1);
    assertThat(smallThread.future().toCompletionStage().toCompletableFuture().get()).contains("eventloop");
    assertThat(large.future().isComplete()).as("the large merge must be waiting for the held read pool").isFalse();

    release.countDown();
    QueryResult largeResult = large.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(largeResult).isEqualTo(new QueryService(histograms(LARGE)).query(p99Over(LARGE)).result());
  }
}
