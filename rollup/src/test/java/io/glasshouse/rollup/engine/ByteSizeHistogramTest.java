package io.glasshouse.rollup.engine;

import static io.glasshouse.rollup.engine.EngineFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.glasshouse.rollup.query.Aggregation;
import io.glasshouse.rollup.query.QueryService;
import io.glasshouse.rollup.query.RangeQuery;
import io.glasshouse.rollup.query.StepWindows;
import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.Temporality;
import io.glasshouse.rollup.series.LatencyHistograms;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 6, "Histograms in other units": sizes in bytes were clamped at 3,600 by the latency range. */
class ByteSizeHistogramTest {
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

  private double query(String fn) {
    long from = Math.floorDiv(fx.clock.millis(), 60_000L) * 60_000L;
    RangeQuery q = new RangeQuery("store", "object_size_bytes", Aggregation.parse(fn, null, null), List.of(), List.of(),
        StepWindows.of(from, from + 60_000, Duration.ofMinutes(1)));
    return await(new QueryService(fx.engine).query(q)).series().get(0).points().get(0).value();
  }

  @Test
  void quantilesOfAByteSizeHistogramUpTo10GbComeOutRight() {
    // object sizes: 1,000 up to 1 MB, 8,000 in (1 GB, 4 GB], 1,000 in (4 GB, 10 GB]
    double[] bounds = {1e6, 1e9, 4e9, 1e10};
    long[] counts = {1_000, 0, 8_000, 1_000, 0};
    Buckets b = new Buckets(bounds, counts, 10_000, 1e6 * 500 + 8_000 * 2.5e9 + 1_000 * 7e9);
    await(fx.engine.accept(Protocol.JSON, List.of(Sample.histogram("object_size_bytes",
        Labels.of("service", "store", "instance", "a"), fx.clock.millis(), Temporality.DELTA, b)), true));

    // spread evenly inside each bucket, as for latency: the median is the 4th of 8 points spread over (1 GB, 4 GB]
    // (2.5 GB), p99 in (4 GB, 10 GB]; 2 significant digits
    double p50 = query("p50");
    double p99 = query("p99");
    assertThat(p50).isBetween(1e9, 4e9).isCloseTo(1e9 + 3e9 * 4_000 / 8_000, within(0.3e9));
    assertThat(p99).isBetween(4e9, 1e10 * 1.01).isGreaterThan(8e9);
    assertThat(query("count")).isEqualTo(10_000);
    Histogram h = fx.read("store", "object_size_bytes").get(0).cells().get(0).histogram();
    assertThat(h.getCountBetweenValues(0, LatencyHistograms.toMicros(4e9))).isEqualTo(9_000);
    assertThat(h.getCountBetweenValues(0, LatencyHistograms.toMicros(1e6))).isEqualTo(1_000);
    // latency keeps its microsecond resolution in the same configuration
    assertThat(LatencyHistograms.toSeconds(LatencyHistograms.create().highestEquivalentValue(
        LatencyHistograms.toMicros(0.000_123)))).isCloseTo(0.000_123, within(0.000_002));
  }
}
