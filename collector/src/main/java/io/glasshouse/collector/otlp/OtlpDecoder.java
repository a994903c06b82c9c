package io.glasshouse.collector.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.collector.validate.Reasons;
import io.glasshouse.collector.validate.RejectionTally;
import io.glasshouse.collector.validate.UndecodableException;
import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.Temporality;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.DataPointFlags;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes OTLP metrics ({@code ExportMetricsServiceRequest}) into samples.
 *
 * <p>Gauges → gauges; monotonic sums → counters (cumulative or delta, keeping the start time); non-monotonic
 * sums → gauges; histograms (explicit bounds) and exponential histograms → histogram samples of the metric's
 * temporality, bounds and sum in seconds for time units; summaries → {@code <name>_count} and
 * {@code <name>_sum} cumulative counters plus one gauge per quantile with label {@code quantile}. Points flagged
 * "no recorded value" are dropped ({@link Reasons#NO_RECORDED_VALUE}). Points that cannot be samples (no value,
 * unspecified temporality, bucket counts not matching bounds, a label named twice) are refused in the tally;
 * the validator checks the rest. A rejected point counts as one rejected sample.
 *
 * <p>Cost: one {@link Labels} per point (each OTLP point is its own series); resource attributes are mapped
 * once per resource. Stateless and thread-safe.
 */
public final class OtlpDecoder {
  private static final int NO_RECORDED_VALUE = DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK_VALUE;
  private static final JsonFormat.Parser JSON = JsonFormat.parser().ignoringUnknownFields();

  private OtlpDecoder() {
  }

  /** Parses a binary protobuf body. */
  public static ExportMetricsServiceRequest parseProtobuf(byte[] body) throws UndecodableException {
    try {
      return ExportMetricsServiceRequest.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new UndecodableException("body is not an OTLP ExportMetricsServiceRequest protobuf: "
          + UndecodableException.describe(e), e);
    }
  }

  /** Parses an OTLP JSON body (proto3 JSON mapping; unknown fields are ignored as OTLP requires). */
  public static ExportMetricsServiceRequest parseJson(byte[] body) throws UndecodableException {
    var builder = ExportMetricsServiceRequest.newBuilder();
    String text;
    try {
      // Strict, like the protobuf parser: malformed UTF-8 is refused, never replaced with U+FFFD.
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new UndecodableException("body is not valid UTF-8; OTLP JSON is UTF-8 text (check the sender's "
          + "encoding of attribute values)", e);
    }
    try {
      JSON.merge(text, builder);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new UndecodableException("body is not an OTLP JSON ExportMetricsServiceRequest: "
          + UndecodableException.describe(e), e);
    }
    return builder.build();
  }

  /** Parses and decodes a binary protobuf body. */
  public static DecodedBatch decodeProtobuf(byte[] body) throws UndecodableException {
    return decode(parseProtobuf(body));
  }

  /** Decodes a parsed request. */
  public static DecodedBatch decode(ExportMetricsServiceRequest request) {
    List<Sample> out = new ArrayList<>();
    RejectionTally tally = new RejectionTally();
    for (ResourceMetrics rm : request.getResourceMetricsList()) {
      String[] resource = OtlpLabels.resourcePairs(rm.getResource().getAttributesList());
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        for (Metric m : sm.getMetricsList()) {
          new MetricDecoder(m, resource, out, tally).run();
        }
      }
    }
    return new DecodedBatch(out, tally);
  }

  /** Decodes the points of one metric. */
  private static final class MetricDecoder {
    private final Metric metric;
    private final String name;
    private final String[] resource;
    private final List<Sample> out;
    private final RejectionTally tally;

    MetricDecoder(Metric metric, String[] resource, List<Sample> out, RejectionTally tally) {
      this.metric = metric;
      this.name = OtlpLabels.labelName(metric.getName());
      this.resource = resource;
      this.out = out;
      this.tally = tally;
    }

    void run() {
      switch (metric.getDataCase()) {
        case GAUGE -> metric.getGauge().getDataPointsList().forEach(p -> number(p, Kind.GAUGE));
        case SUM -> sums();
        case HISTOGRAM -> {
          Temporality t = temporality(metric.getHistogram().getAggregationTemporality(),
              metric.getHistogram().getDataPointsCount());
          if (t != null) {
            metric.getHistogram().getDataPointsList().forEach(p -> histogram(p, t));
          }
        }
        case EXPONENTIAL_HISTOGRAM -> {
          var h = metric.getExponentialHistogram();
          Temporality t = temporality(h.getAggregationTemporality(), h.getDataPointsCount());
          if (t != null) {
            h.getDataPointsList().forEach(p -> exponential(p, t));
          }
        }
        case SUMMARY -> metric.getSummary().getDataPointsList().forEach(this::summary);
        default -> {
          // DATA_NOT_SET: a metric without points carries nothing to ingest.
        }
      }
    }

    private void sums() {
      var sum = metric.getSum();
      if (!sum.getIsMonotonic()) {
        sum.getDataPointsList().forEach(p -> number(p, Kind.GAUGE));
        return;
      }
      Temporality t = temporality(sum.getAggregationTemporality(), sum.getDataPointsCount());
      if (t != null) {
        Kind kind = t == Temporality.CUMULATIVE ? Kind.COUNTER : Kind.DELTA_COUNTER;
        sum.getDataPointsList().forEach(p -> number(p, kind));
      }
    }

    private void number(NumberDataPoint p, Kind kind) {
      Labels labels = pointLabels(p.getFlags(), p.getAttributesList());
      if (labels == null) {
        return;
      }
      double v;
      switch (p.getValueCase()) {
        case AS_DOUBLE -> v = p.getAsDouble();
        case AS_INT -> v = p.getAsInt();
        default -> {
          refuse(Reasons.UNSUPPORTED_POINT, 1, "has a point without as_double or as_int; set a value");
          return;
        }
      }
      long ts = millis(p.getTimeUnixNano());
      Sample s = switch (kind) {
        case GAUGE -> Sample.gauge(name, labels, ts, v);
        case COUNTER -> Sample.counter(name, labels, ts, v).withStartTime(millis(p.getStartTimeUnixNano()));
        case DELTA_COUNTER -> Sample.deltaCounter(name, labels, ts, v).withStartTime(millis(p.getStartTimeUnixNano()));
      };
      out.add(s);
    }

    private void histogram(HistogramDataPoint p, Temporality t) {
      Labels labels = pointLabels(p.getFlags(), p.getAttributesList());
      if (labels == null) {
        return;
      }
      int k = p.getBucketCountsCount();
      int m = p.getExplicitBoundsCount();
      long[] counts = new long[k];
      for (int i = 0; i < k; i++) {
        counts[i] = p.getBucketCounts(i);
      }
      double[] bounds = new double[m];
      for (int i = 0; i < m; i++) {
        bounds[i] = p.getExplicitBounds(i);
      }
      Buckets b = ExplicitBuckets.of(bounds, m, counts, k, p.getCount(), p.hasSum(), p.getSum(),
          Units.toSeconds(metric.getUnit()));
      if (b == null) {
        refuse(Reasons.INVALID_BUCKETS, 1, ExplicitBuckets.mismatch(k, m));
        return;
      }
      out.add(Sample.histogram(name, labels, millis(p.getTimeUnixNano()), t, b)
          .withStartTime(millis(p.getStartTimeUnixNano())));
    }

    private void exponential(ExponentialHistogramDataPoint p, Temporality t) {
      Labels labels = pointLabels(p.getFlags(), p.getAttributesList());
      if (labels == null) {
        return;
      }
      Buckets b = ExponentialBuckets.of(p, Units.toSeconds(metric.getUnit()));
      out.add(Sample.histogram(name, labels, millis(p.getTimeUnixNano()), t, b)
          .withStartTime(millis(p.getStartTimeUnixNano())));
    }

    private void summary(SummaryDataPoint p) {
      Labels labels = pointLabels(p.getFlags(), p.getAttributesList());
      if (labels == null) {
        return;
      }
      double factor = Units.toSeconds(metric.getUnit());
      long ts = millis(p.getTimeUnixNano());
      long start = millis(p.getStartTimeUnixNano());
      out.add(Sample.counter(name + "_count", labels, ts, p.getCount()).withStartTime(start));
      out.add(Sample.counter(name + "_sum", labels, ts, p.getSum() * factor).withStartTime(start));
      for (var q : p.getQuantileValuesList()) {
        out.add(Sample.gauge(name, labels.with("quantile", Double.toString(q.getQuantile())), ts,
            q.getValue() * factor));
      }
    }

    /** The point's labels, or null (and a rejection) when a label name repeats after mapping. */
    /**
     * The labels of a point, or null when the point is dropped: it carries no recorded value (counted, not
     * refused) or its labels are refused.
     */
    private Labels pointLabels(int flags, List<KeyValue> attributes) {
      if ((flags & NO_RECORDED_VALUE) != 0) {
        tally.drop(Reasons.NO_RECORDED_VALUE, 1);
        return null;
      }
      return labels(attributes);
    }

    private Labels labels(List<KeyValue> attributes) {
      Labels.Builder b = OtlpLabels.pointLabels(resource, attributes);
      if (b.duplicate() != null) {
        refuse(Reasons.DUPLICATE_LABEL, 1, "has label '" + b.duplicate() + "' twice after mapping (resource and "
            + "point attributes, or keys differing only in '.' versus '_'); send each name once");
        return null;
      }
      return b.build();
    }

    private Temporality temporality(AggregationTemporality t, int points) {
      return switch (t) {
        case AGGREGATION_TEMPORALITY_CUMULATIVE -> Temporality.CUMULATIVE;
        case AGGREGATION_TEMPORALITY_DELTA -> Temporality.DELTA;
        default -> {
          refuse(Reasons.UNSUPPORTED_POINT, points, "has aggregation_temporality " + t
              + "; set CUMULATIVE or DELTA");
          yield null;
        }
      };
    }

    private void refuse(String reason, int count, String problem) {
      tally.reject(reason, count, tally.has(reason) ? "" : "metric " + metric.getName() + " " + problem);
    }
  }

  private enum Kind { GAUGE, COUNTER, DELTA_COUNTER }

  static long millis(long unixNanos) {
    return unixNanos / 1_000_000L;
  }
}
