package io.glasshouse.collector.remotewrite;

import com.google.protobuf.InvalidProtocolBufferException;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.Label;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.MetricMetadata;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.MetricMetadata.MetricType;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.TimeSeries;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.WriteRequest;
import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.collector.validate.Reasons;
import io.glasshouse.collector.validate.RejectionTally;
import io.glasshouse.collector.validate.UndecodableException;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes an uncompressed Prometheus remote write 1.0 {@code WriteRequest} into samples.
 *
 * <p>Kinds: {@link SeriesClassifier} decides from the series name, its {@code le}/{@code quantile} labels and the
 * {@link MetricFamilies} (metadata of this and earlier requests wins over name suffixes). A classic histogram's
 * {@code _bucket}, {@code _count} and {@code _sum} series become {@link Sample#histogramPart histogram parts},
 * one sample per part, which the engine merges whatever request carried which part; summaries' {@code _count}
 * and {@code _sum} are counters and their quantiles gauges (per series, not merged into a distribution).
 *
 * <p>Values that are no reading never refuse a request: staleness markers (the NaN with bits
 * {@code 0x7ff0000000000002}, "this series ended") are dropped and counted under {@link Reasons#STALE_MARKER},
 * other NaNs (a summary quantile without observations) under {@link Reasons#NAN_VALUE}. A series naming a label
 * twice is refused as {@link Reasons#DUPLICATE_LABEL}, a bucket whose {@code le} is not a number as
 * {@link Reasons#INVALID_BUCKETS}. Everything else is left to the validator.
 *
 * <p>Cost: one {@link Labels} per series, shared by its samples; the protobuf parse allocates one object per
 * label and sample (the main hot spot, followed by the sorting map in {@link Labels.Builder}).
 * Thread-safe; the only state is the {@link MetricFamilies} passed in.
 */
public final class RemoteWriteDecoder {
  /** Raw bits of the Prometheus staleness marker NaN. */
  public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

  static final String QUANTILE = "quantile";

  private RemoteWriteDecoder() {
  }

  /** Decodes {@code body}, the snappy-decompressed request. */
  public static DecodedBatch decode(byte[] uncompressed) throws UndecodableException {
    return decode(parse(uncompressed));
  }

  /** Parses the snappy-decompressed request. */
  public static WriteRequest parse(byte[] uncompressed) throws UndecodableException {
    try {
      return WriteRequest.parseFrom(uncompressed);
    } catch (InvalidProtocolBufferException e) {
      throw new UndecodableException("body is not a remote write 1.0 WriteRequest protobuf: "
          + UndecodableException.describe(e), e);
    }
  }

  /** Decodes an already parsed request with what this request's own metadata says (no memory across requests). */
  public static DecodedBatch decode(WriteRequest request) {
    return decode(request, new MetricFamilies());
  }

  /**
   * Decodes an already parsed request. Its metadata is remembered in {@code families}, and what {@code families}
   * knows from earlier requests decides the kinds of its series (see {@link SeriesClassifier}).
   */
  public static DecodedBatch decode(WriteRequest request, MetricFamilies families) {
    RejectionTally tally = new RejectionTally();
    for (MetricMetadata m : request.getMetadataList()) {
      families.metadata(m.getMetricFamilyName(), type(m.getType()));
    }
    int n = request.getTimeseriesCount();
    SeriesLabels[] labels = new SeriesLabels[n];
    for (int t = 0; t < n; t++) {
      TimeSeries ts = request.getTimeseries(t);
      if (ts.getSamplesCount() == 0) {
        continue;
      }
      SeriesLabels sl = seriesLabels(ts);
      labels[t] = sl;
      if (sl.name != null && sl.duplicate == null) {
        SeriesClassifier.learn(sl.name, sl.le != null, sl.labels.has(QUANTILE), families);
      }
    }
    List<Sample> out = new ArrayList<>(n);
    for (int t = 0; t < n; t++) {
      SeriesLabels sl = labels[t];
      if (sl == null) {
        continue;
      }
      TimeSeries ts = request.getTimeseries(t);
      if (sl.duplicate != null) {
        tally.reject(Reasons.DUPLICATE_LABEL, ts.getSamplesCount(), "series " + describe(ts)
            + " names label '" + sl.duplicate + "' twice; send each label once");
        continue;
      }
      String name = sl.name;
      SeriesClassifier.Kind kind = name == null ? SeriesClassifier.Kind.GAUGE
          : SeriesClassifier.classify(name, sl.le != null, families);
      if (kind == SeriesClassifier.Kind.HISTOGRAM_PART && sl.le != null && Double.isNaN(HistogramBound.parse(sl.le))) {
        tally.reject(Reasons.INVALID_BUCKETS, ts.getSamplesCount(), "histogram bucket " + describe(ts)
            + " has le=\"" + sl.le + "\", which is not a number; use decimal upper bounds and \"+Inf\"");
        continue;
      }
      for (int i = 0; i < ts.getSamplesCount(); i++) {
        var s = ts.getSamples(i);
        double v = s.getValue();
        if (Double.isNaN(v)) {
          // a staleness marker ends the series; any other NaN (a summary quantile without observations, a gauge
          // that cannot be computed) is no reading: neither refuses the request
          tally.drop(Double.doubleToRawLongBits(v) == STALE_NAN_BITS ? Reasons.STALE_MARKER : Reasons.NAN_VALUE, 1);
          continue;
        }
        out.add(switch (kind) {
          case COUNTER -> Sample.counter(name, sl.labels, s.getTimestamp(), v);
          case GAUGE -> Sample.gauge(name, sl.labels, s.getTimestamp(), v);
          case HISTOGRAM_PART -> Sample.histogramPart(name, sl.labels, s.getTimestamp(), v);
        });
      }
    }
    return new DecodedBatch(out, tally);
  }

  private static MetricFamilies.Type type(MetricType t) {
    return switch (t) {
      case COUNTER -> MetricFamilies.Type.COUNTER;
      case GAUGE, GAUGEHISTOGRAM -> MetricFamilies.Type.GAUGE;
      case HISTOGRAM -> MetricFamilies.Type.HISTOGRAM;
      case SUMMARY -> MetricFamilies.Type.SUMMARY;
      default -> MetricFamilies.Type.UNTYPED;
    };
  }

  static String describe(TimeSeries ts) {
    StringBuilder sb = new StringBuilder("{");
    for (Label l : ts.getLabelsList()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(l.getName()).append("=\"").append(l.getValue()).append('"');
      if (sb.length() > 200) {
        sb.append("...");
        break;
      }
    }
    return sb.append('}').toString();
  }

  private static SeriesLabels seriesLabels(TimeSeries ts) {
    SeriesLabels sl = new SeriesLabels();
    for (int i = 0; i < ts.getLabelsCount(); i++) {
      Label l = ts.getLabels(i);
      sl.add(l.getName(), l.getValue());
    }
    return sl.finish();
  }
}
