package io.glasshouse.collector.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.glasshouse.rollup.sample.Buckets;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import org.junit.jupiter.api.Test;

class ExponentialBucketsTest {
  @Test
  void upperBoundIsBaseToTheIndexPlusOne() {
    assertThat(ExponentialBuckets.upperBound(0, 0)).isEqualTo(2);
    assertThat(ExponentialBuckets.upperBound(-1, 0)).isEqualTo(1);
    assertThat(ExponentialBuckets.upperBound(1, 1)).isCloseTo(2, within(1e-12)); // base sqrt(2), index 1 → 2
    assertThat(ExponentialBuckets.upperBound(0, -1)).isEqualTo(4); // base 4
  }

  @Test
  void negativeBucketsFoldIntoTheZeroBucket() {
    ExponentialHistogramDataPoint p = ExponentialHistogramDataPoint.newBuilder()
        .setScale(0).setCount(6).setSum(10).setZeroCount(1)
        .setNegative(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(0).addBucketCounts(2))
        .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(1).addBucketCounts(1)
            .addBucketCounts(2))
        .build();

    Buckets b = ExponentialBuckets.of(p, 1);

    assertThat(b.upperBounds()).containsExactly(0, 4, 8);
    assertThat(b.counts()).containsExactly(3, 1, 2, 0);
    assertThat(b.count()).isEqualTo(6);
  }

  @Test
  void zeroThresholdReachingIntoTheFirstBucketIsMergedThere() {
    ExponentialHistogramDataPoint p = ExponentialHistogramDataPoint.newBuilder()
        .setScale(0).setCount(3).setZeroCount(1).setZeroThreshold(5)
        .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(1).addBucketCounts(2))
        .build();

    Buckets b = ExponentialBuckets.of(p, 1);

    assertThat(b.upperBounds()).containsExactly(4);
    assertThat(b.counts()).containsExactly(3, 0);
  }
}
