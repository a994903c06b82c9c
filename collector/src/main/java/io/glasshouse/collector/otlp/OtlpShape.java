package io.glasshouse.collector.otlp;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.glasshouse.collector.validate.JsonShape;
import io.glasshouse.collector.validate.ProtoValues;
import io.glasshouse.collector.validate.ProtoWalk;
import io.glasshouse.collector.validate.RequestTooLargeException;
import io.glasshouse.collector.validate.ShapeLimits;
import io.glasshouse.collector.validate.UndecodableException;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.io.IOException;
import java.util.Map;

/**
 * Counts the data points and histogram buckets of an OTLP request body (protobuf or JSON) against
 * {@link ShapeLimits} before it is parsed. Data points, summary quantiles included, are samples; each
 * {@code bucket_counts} and {@code explicit_bounds} array, and each exponential range (positive, negative), is
 * one histogram bucket array. Thread-safe.
 */
public final class OtlpShape {
  private static final JsonShape JSON = new JsonShape(Map.of(
      "dataPoints", JsonShape.Kind.SAMPLES, "data_points", JsonShape.Kind.SAMPLES,
      "quantileValues", JsonShape.Kind.SAMPLES, "quantile_values", JsonShape.Kind.SAMPLES,
      "bucketCounts", JsonShape.Kind.BUCKETS, "bucket_counts", JsonShape.Kind.BUCKETS));
  // Every metric data type (Gauge, Sum, Histogram, ExponentialHistogram, Summary) has data_points = 1.
  private static final int DATA_POINTS = Gauge.DATA_POINTS_FIELD_NUMBER;

  private OtlpShape() {
  }

  /** Checks a binary protobuf body. */
  public static void checkProtobuf(byte[] body, ShapeLimits.Budget budget)
      throws RequestTooLargeException, UndecodableException {
    try {
      ProtoWalk.fields(CodedInputStream.newInstance(body), (in, tag) -> {
        if (WireFormat.getTagFieldNumber(tag) == ExportMetricsServiceRequest.RESOURCE_METRICS_FIELD_NUMBER) {
          ProtoWalk.message(in, tag, (in2, tag2) -> {
            if (WireFormat.getTagFieldNumber(tag2) == ResourceMetrics.SCOPE_METRICS_FIELD_NUMBER) {
              ProtoWalk.message(in2, tag2, (in3, tag3) -> {
                if (WireFormat.getTagFieldNumber(tag3) == ScopeMetrics.METRICS_FIELD_NUMBER) {
                  ProtoWalk.message(in3, tag3, (in4, tag4) -> metric(in4, tag4, budget));
                } else {
                  in3.skipField(tag3);
                }
              });
            } else {
              in2.skipField(tag2);
            }
          });
        } else {
          in.skipField(tag);
        }
      });
    } catch (IOException e) {
      throw new UndecodableException("body is not an OTLP ExportMetricsServiceRequest protobuf: "
          + UndecodableException.describe(e), e);
    }
    // Then everything else a parse would build (the specific limits above give the more precise answer).
    ProtoValues.check(body, ExportMetricsServiceRequest.getDescriptor(), budget,
        "an OTLP ExportMetricsServiceRequest protobuf");
  }

  /** Checks an OTLP JSON body. */
  public static void checkJson(byte[] body, ShapeLimits.Budget budget)
      throws RequestTooLargeException, UndecodableException {
    JSON.check(body, budget);
  }

  /** One field of a Metric: its data (gauge, sum, histogram, exponential histogram, summary) holds points. */
  private static void metric(CodedInputStream in, int tag, ShapeLimits.Budget budget)
      throws IOException, RequestTooLargeException {
    int field = WireFormat.getTagFieldNumber(tag);
    switch (field) {
      case Metric.GAUGE_FIELD_NUMBER, Metric.SUM_FIELD_NUMBER, Metric.HISTOGRAM_FIELD_NUMBER,
          Metric.EXPONENTIAL_HISTOGRAM_FIELD_NUMBER, Metric.SUMMARY_FIELD_NUMBER ->
          ProtoWalk.message(in, tag, (in2, tag2) -> {
            if (WireFormat.getTagFieldNumber(tag2) == DATA_POINTS) {
              budget.samples(1);
              ProtoWalk.message(in2, tag2, (in3, tag3) -> point(field, in3, tag3, budget));
            } else {
              in2.skipField(tag2);
            }
          });
      default -> in.skipField(tag);
    }
  }

  private static void point(int metricField, CodedInputStream in, int tag, ShapeLimits.Budget budget)
      throws IOException, RequestTooLargeException {
    int field = WireFormat.getTagFieldNumber(tag);
    if (metricField == Metric.HISTOGRAM_FIELD_NUMBER && (field == HistogramDataPoint.BUCKET_COUNTS_FIELD_NUMBER
        || field == HistogramDataPoint.EXPLICIT_BOUNDS_FIELD_NUMBER)) {
      budget.histogram(ProtoWalk.fixed64Elements(in, tag));
    } else if (metricField == Metric.EXPONENTIAL_HISTOGRAM_FIELD_NUMBER
        && (field == ExponentialHistogramDataPoint.POSITIVE_FIELD_NUMBER
        || field == ExponentialHistogramDataPoint.NEGATIVE_FIELD_NUMBER)) {
      long[] n = new long[1];
      ProtoWalk.message(in, tag, (in2, tag2) -> {
        if (WireFormat.getTagFieldNumber(tag2)
            == ExponentialHistogramDataPoint.Buckets.BUCKET_COUNTS_FIELD_NUMBER) {
          n[0] += ProtoWalk.elements(in2, tag2, budget.maxBucketsPerHistogram());
        } else {
          in2.skipField(tag2);
        }
      });
      budget.histogram(n[0]);
    } else if (metricField == Metric.SUMMARY_FIELD_NUMBER
        && field == SummaryDataPoint.QUANTILE_VALUES_FIELD_NUMBER) {
      budget.samples(1);
      in.skipField(tag);
    } else {
      in.skipField(tag);
    }
  }
}
