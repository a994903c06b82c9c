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
import io.glasshouse.rollup.sample.WellKnownLabels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes an uncompressed Prometheus remote write 1.0 {@code WriteRequest} into samples.
 *
 * <p>Kinds: {@code MetricMetadata} types decide when present for the family ({@code COUNTER} → cumulative
 * counter, {@code GAUGE} and others → gauge, {@code HISTOGRAM} → grouped histogram, {@code SUMMARY} →
 * {@code _sum}/{@code _count} counters and quantile gauges). Without metadata, names ending in {@code _total},
 * {@code _count}, {@code _sum} or {@code _bucket} are cumulative counters and everything else is a gauge.
 * Series {@code <base>_bucket{le=..}}, {@code <base>_sum} and {@code <base>_count} with the same other labels
 * and timestamp become one cumulative {@link io.glasshouse.rollup.sample.MetricKind#HISTOGRAM} sample named
 * {@code <base>} when buckets and a count are present; otherwise the parts stay counters.
 *
 * <p>Staleness markers (the NaN with bits {@code 0x7ff0000000000002}) mean "series ended": they are dropped
 * and counted under {@link Reasons#STALE_MARKER}. A series naming a label twice is refused as
 * {@link Reasons#DUPLICATE_LABEL}. Everything else is left to the validator.
 *
 * <p>Cost: one {@link Labels} per series, shared by its samples; the protobuf parse allocates one object per
 * label and sample (the main hot spot, followed by the sorting map in {@link Labels.Builder}).
 * Stateless and thread-safe.
 */
public final class RemoteWriteDecoder {
  /** Raw bits of the Prometheus staleness marker NaN. */
  public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

  private static final String NAME = "__name__";
  private static final String JOB = "job";
  private static final String LE = "le";
  private static final String QUANTILE = "quantile";

  private RemoteWriteDecoder() {
  }

  /** Decodes {@code body}, the snappy-decompressed request. */
  public static DecodedBatch decode(byte[] uncompressed) throws UndecodableException {
    WriteRequest request;
    try {
      request = WriteRequest.parseFrom(uncompressed);
    } catch (InvalidProtocolBufferException e) {
      throw new UndecodableException("body is not a remote write 1.0 WriteRequest protobuf: "
          + UndecodableException.describe(e), e);
    }
    return decode(request);
  }

  /** Decodes an already parsed request. */
  public static DecodedBatch decode(WriteRequest request) {
    RejectionTally tally = new RejectionTally();
    Map<String, MetricType> types = metadata(request);
    List<Sample> out = new ArrayList<>(request.getTimeseriesCount());
    HistogramGroups groups = null;
    for (int t = 0; t < request.getTimeseriesCount(); t++) {
      TimeSeries ts = request.getTimeseries(t);
      if (ts.getSamplesCount() == 0) {
        continue;
      }
      SeriesLabels sl = SeriesLabels.of(ts);
      if (sl.duplicate != null) {
        tally.reject(Reasons.DUPLICATE_LABEL, ts.getSamplesCount(), "series " + describe(ts)
            + " names label '" + sl.duplicate + "' twice; send each label once");
        continue;
      }
      String name = sl.name;
      Part part = name == null ? Part.NONE : Part.of(name, sl.le, types);
      if (part != Part.NONE) {
        if (groups == null) {
          groups = new HistogramGroups();
        }
        addParts(groups, part, name, sl, ts, tally);
        continue;
      }
      boolean counter = isCounter(name, sl.labels, types);
      for (int i = 0; i < ts.getSamplesCount(); i++) {
        var s = ts.getSamples(i);
        double v = s.getValue();
        if (Double.doubleToRawLongBits(v) == STALE_NAN_BITS) {
          tally.drop(Reasons.STALE_MARKER, 1);
          continue;
        }
        out.add(counter ? Sample.counter(name, sl.labels, s.getTimestamp(), v)
            : Sample.gauge(name, sl.labels, s.getTimestamp(), v));
      }
    }
    if (groups != null) {
      groups.finish(out, tally);
    }
    return new DecodedBatch(out, tally);
  }

  private static void addParts(HistogramGroups groups, Part part, String name, SeriesLabels sl, TimeSeries ts,
      RejectionTally tally) {
    String base = name.substring(0, name.length() - part.suffix.length());
    for (int i = 0; i < ts.getSamplesCount(); i++) {
      var s = ts.getSamples(i);
      double v = s.getValue();
      if (Double.doubleToRawLongBits(v) == STALE_NAN_BITS) {
        tally.drop(Reasons.STALE_MARKER, 1);
        continue;
      }
      groups.add(base, sl.labels, s.getTimestamp(), part, sl.le, v);
    }
  }

  private static Map<String, MetricType> metadata(WriteRequest request) {
    if (request.getMetadataCount() == 0) {
      return Map.of();
    }
    Map<String, MetricType> types = new HashMap<>();
    for (MetricMetadata m : request.getMetadataList()) {
      types.put(m.getMetricFamilyName(), m.getType());
    }
    return types;
  }

  /** Counter or gauge for a series that is not part of a grouped histogram. */
  private static boolean isCounter(String name, Labels labels, Map<String, MetricType> types) {
    if (name == null) {
      return false;
    }
    MetricType type = familyType(name, types);
    if (type != null) {
      return switch (type) {
        case COUNTER, HISTOGRAM -> true;
        case SUMMARY -> !labels.has(QUANTILE);
        default -> false;
      };
    }
    return name.endsWith("_total") || name.endsWith("_count") || name.endsWith("_sum") || name.endsWith("_bucket");
  }

  /** The metadata type for a series name: by its own name, then by the family name without a suffix. */
  static MetricType familyType(String name, Map<String, MetricType> types) {
    if (types.isEmpty()) {
      return null;
    }
    MetricType t = types.get(name);
    if (t != null) {
      return t;
    }
    for (String suffix : new String[] {"_total", "_bucket", "_count", "_sum"}) {
      if (name.endsWith(suffix)) {
        t = types.get(name.substring(0, name.length() - suffix.length()));
        if (t != null) {
          return t;
        }
      }
    }
    return null;
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

  /** Which part of a classic histogram a series is, if any. */
  enum Part {
    NONE(""), BUCKET("_bucket"), SUM("_sum"), COUNT("_count");

    final String suffix;

    Part(String suffix) {
      this.suffix = suffix;
    }

    static Part of(String name, String le, Map<String, MetricType> types) {
      Part p;
      if (le != null && name.endsWith("_bucket")) {
        p = BUCKET;
      } else if (le == null && name.endsWith("_sum")) {
        p = SUM;
      } else if (le == null && name.endsWith("_count")) {
        p = COUNT;
      } else {
        return NONE;
      }
      if (types.isEmpty()) {
        return p;
      }
      if (types.containsKey(name)) {
        return NONE; // a family of its own, e.g. a gauge named temperature_sum
      }
      MetricType t = types.get(name.substring(0, name.length() - p.suffix.length()));
      return t == null || t == MetricType.HISTOGRAM ? p : NONE;
    }
  }

  /** A series' labels after mapping, its name, its {@code le} (removed from the labels) and a duplicate. */
  private static final class SeriesLabels {
    String name;
    String le;
    String duplicate;
    Labels labels;

    static SeriesLabels of(TimeSeries ts) {
      SeriesLabels sl = new SeriesLabels();
      Labels.Builder b = Labels.builder();
      String job = null;
      for (int i = 0; i < ts.getLabelsCount(); i++) {
        Label l = ts.getLabels(i);
        String n = l.getName();
        String v = l.getValue();
        if (NAME.equals(n)) {
          sl.duplicate = sl.name != null ? NAME : sl.duplicate;
          sl.name = v;
        } else if (JOB.equals(n)) {
          sl.duplicate = job != null ? JOB : sl.duplicate;
          job = v;
        } else if (LE.equals(n)) {
          sl.duplicate = sl.le != null ? LE : sl.duplicate;
          sl.le = v;
        } else {
          b.put(n, v);
        }
      }
      if (job != null && b.get(WellKnownLabels.SERVICE) == null) {
        b.put(WellKnownLabels.SERVICE, job);
      }
      if (sl.le != null && (sl.name == null || !sl.name.endsWith("_bucket"))) {
        b.put(LE, sl.le); // an le label outside a bucket series is an ordinary label
        sl.le = null;
      }
      if (sl.duplicate == null) {
        sl.duplicate = b.duplicate();
      }
      sl.labels = b.build();
      return sl;
    }
  }

  /** Classic histogram parts of one request, grouped by family, labels (without le) and timestamp. */
  static final class HistogramGroups {
    private final Map<Key, ClassicHistogram> groups = new LinkedHashMap<>();

    void add(String base, Labels labels, long ts, Part part, String le, double v) {
      ClassicHistogram g = groups.computeIfAbsent(new Key(base, labels, ts), k -> new ClassicHistogram());
      switch (part) {
        case BUCKET -> g.addBucket(le, v);
        case SUM -> g.setSum(v);
        case COUNT -> g.setCount(v);
        default -> throw new IllegalStateException(part.name());
      }
    }

    void finish(List<Sample> out, RejectionTally tally) {
      groups.forEach((k, g) -> g.emit(k.base(), k.labels(), k.timestampMs(), out, tally));
    }

    record Key(String base, Labels labels, long timestampMs) {
    }
  }
}
