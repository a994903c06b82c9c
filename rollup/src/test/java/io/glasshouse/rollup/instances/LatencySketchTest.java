package io.glasshouse.rollup.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.glasshouse.rollup.sample.Buckets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencySketchTest {
  @Test
  void everyValueFallsIntoTheBucketWhoseBoundsHoldIt() {
    for (double v : new double[] {1e-5, 1e-4, 1.0001e-4, 0.05, 0.1, 0.25, 1, 7.3, 200, 1e6}) {
      int i = LatencySketch.index(v);
      assertThat(LatencySketch.upper(i)).isGreaterThanOrEqualTo(Math.min(v, LatencySketch.upper(i)));
      if (i > 0 && i < LatencySketch.BUCKETS - 1) {
        assertThat(LatencySketch.lower(i)).isLessThan(v);
        assertThat(LatencySketch.upper(i)).isGreaterThanOrEqualTo(v);
      }
    }
  }

  @Test
  void quantilesOfFineBucketedInputAreWithinOneSketchBucketOfTheExactOnes() {
    Random r = new Random(7);
    double[] values = new double[20_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.exp(Math.log(0.08) + 0.5 * r.nextGaussian());
    }
    // Micrometer-like percentile buckets: ~10% apart
    double[] bounds = new double[120];
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = 1e-3 * Math.pow(1.1, i);
    }
    long[] counts = new long[bounds.length + 1];
    for (double v : values) {
      int k = Arrays.binarySearch(bounds, v);
      counts[k >= 0 ? k : -k - 1]++;
    }
    float[] sketch = LatencySketch.create();
    LatencySketch.add(sketch, new Buckets(bounds, counts, values.length, Arrays.stream(values).sum()));
    Arrays.sort(values);
    assertThat(LatencySketch.count(sketch)).isCloseTo(values.length, within(0.5));
    for (double q : new double[] {0.5, 0.9, 0.99}) {
      double exact = values[(int) (q * values.length)];
      assertThat(LatencySketch.quantile(sketch, q) / exact).as("q=%s", q).isBetween(1 / 1.27, 1.27);
    }
  }

  @Test
  void anEmptySketchHasNoQuantile() {
    assertThat(LatencySketch.quantile(LatencySketch.create(), 0.5)).isNaN();
  }
}
