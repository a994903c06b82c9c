package io.glasshouse.collector.remotewrite;

import com.google.protobuf.InvalidProtocolBufferException;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteV2Proto.Metadata;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteV2Proto.Request;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteV2Proto.TimeSeries;
import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.collector.validate.Reasons;
import io.glasshouse.collector.validate.RejectionTally;
import io.glasshouse.collector.validate.UndecodableException;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.WellKnownLabels;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes an uncompressed Prometheus remote write 2.0 {@code io.prometheus.write.v2.Request} into samples.
 *
 * <p>Labels come from the request's symbol table ({@code labels_refs} are index pairs); mapping as in 1.0
 * ({@code job} → {@code service} unless a {@code service} label is present). Each series' own {@code metadata.type}
 * is remembered in {@link MetricFamilies} and decides its kind through {@link SeriesClassifier} (histogram
 * {@code _bucket}/{@code _count}/{@code _sum} series become histogram parts); {@code created_timestamp} becomes the
 * sample's start time, so a restarted counter is a reset even when its value grew. Staleness markers and other
 * NaNs are dropped and counted as in 1.0. Refused per series, never for the whole request: a label reference
 * outside the symbol table or an odd number of references ({@link Reasons#INVALID_SYMBOL_REF}), a label named twice ({@link Reasons#DUPLICATE_LABEL}),
 * native histogram samples ({@link Reasons#UNSUPPORTED_POINT}, not supported yet). Exemplars are ignored.
 * Thread-safe; the only state is the {@link MetricFamilies} passed in.
 */
public final class RemoteWriteV2Decoder {
  private static final String NAME = "__name__";
  private static final String JOB = "job";
  private static final String LE = "le";
  private static final String QUANTILE = "quantile";

  private RemoteWriteV2Decoder() {
  }

  /** Parses the snappy-decompressed body. */
  public static Request parse(byte[] uncompressed) throws UndecodableException {
    try {
      return Request.parseFrom(uncompressed);
    } catch (InvalidProtocolBufferException e) {
      throw new UndecodableException("body is not a remote write 2.0 io.prometheus.write.v2.Request protobuf: "
          + e.getMessage(), e);
    }
  }

  /** Decodes a parsed request, remembering its metadata in {@code families}. */
  public static DecodedBatch decode(Request request, MetricFamilies families) {
    RejectionTally tally = new RejectionTally();
    List<Sample> out = new ArrayList<>(request.getTimeseriesCount());
    int symbols = request.getSymbolsCount();
    for (int t = 0; t < request.getTimeseriesCount(); t++) {
      TimeSeries ts = request.getTimeseries(t);
      if (ts.getHistogramsCount() > 0) {
        tally.reject(Reasons.UNSUPPORTED_POINT, ts.getHistogramsCount(), "native histogram samples are not "
            + "supported yet; send classic histograms (Prometheus: convert_classic_histograms or no native "
            + "histograms)");
      }
      if (ts.getSamplesCount() == 0) {
        continue;
      }
      String problem = null;
      String name = null;
      String job = null;
      String le = null;
      Labels.Builder b = Labels.builder();
      if (ts.getLabelsRefsCount() % 2 != 0) {
        problem = "has an odd number of labels_refs (" + ts.getLabelsRefsCount() + "); send name and value pairs";
      }
      for (int i = 0; problem == null && i + 1 < ts.getLabelsRefsCount(); i += 2) {
        int nr = ts.getLabelsRefs(i);
        int vr = ts.getLabelsRefs(i + 1);
        if (nr < 0 || nr >= symbols || vr < 0 || vr >= symbols) {
          problem = "refers to a symbol outside the request's " + symbols + " symbols";
          break;
        }
        String n = request.getSymbols(nr);
        String v = request.getSymbols(vr);
        if (NAME.equals(n)) {
          name = v;
        } else if (JOB.equals(n)) {
          job = v;
        } else {
          if (LE.equals(n)) {
            le = v;
          }
          b.put(n, v);
        }
      }
      if (problem != null) {
        tally.reject(Reasons.INVALID_SYMBOL_REF, ts.getSamplesCount(), "series " + t + " " + problem);
        continue;
      }
      if (job != null) {
        b.put(b.get(WellKnownLabels.SERVICE) == null ? WellKnownLabels.SERVICE : JOB, job);
      }
      String duplicate = b.duplicate();
      if (duplicate != null) {
        tally.reject(Reasons.DUPLICATE_LABEL, ts.getSamplesCount(), "series " + name + " names label '" + duplicate
            + "' twice; send each label once");
        continue;
      }
      Labels labels = b.build();
      boolean hasLe = le != null && name != null && name.endsWith("_bucket");
      if (name != null) {
        remember(name, hasLe, labels.has(QUANTILE), ts.getMetadata().getType(), families);
      }
      SeriesClassifier.Kind kind = name == null ? SeriesClassifier.Kind.GAUGE
          : SeriesClassifier.classify(name, hasLe, families);
      if (kind == SeriesClassifier.Kind.HISTOGRAM_PART && hasLe && Double.isNaN(HistogramBound.parse(le))) {
        tally.reject(Reasons.INVALID_BUCKETS, ts.getSamplesCount(), "histogram bucket " + name + labels
            + " has le=\"" + le + "\", which is not a number; use decimal upper bounds and \"+Inf\"");
        continue;
      }
      long created = ts.getCreatedTimestamp();
      for (int i = 0; i < ts.getSamplesCount(); i++) {
        var s = ts.getSamples(i);
        double v = s.getValue();
        if (Double.isNaN(v)) {
          tally.drop(Double.doubleToRawLongBits(v) == RemoteWriteDecoder.STALE_NAN_BITS ? Reasons.STALE_MARKER
              : Reasons.NAN_VALUE, 1);
          continue;
        }
        Sample sample = switch (kind) {
          case COUNTER -> Sample.counter(name, labels, s.getTimestamp(), v);
          case GAUGE -> Sample.gauge(name, labels, s.getTimestamp(), v);
          case HISTOGRAM_PART -> Sample.histogramPart(name, labels, s.getTimestamp(), v);
        };
        out.add(created > 0 && kind != SeriesClassifier.Kind.GAUGE ? sample.withStartTime(created) : sample);
      }
    }
    return new DecodedBatch(out, tally);
  }

  /** A series' own metadata type, remembered for its family. */
  private static void remember(String name, boolean hasLe, boolean hasQuantile, Metadata.MetricType type,
      MetricFamilies families) {
    SeriesClassifier.learn(name, hasLe, hasQuantile, families);
    switch (type) {
      case METRIC_TYPE_HISTOGRAM, METRIC_TYPE_SUMMARY -> {
        String family = SeriesClassifier.partFamily(name, hasLe);
        families.metadata(family == null ? name : family, type == Metadata.MetricType.METRIC_TYPE_HISTOGRAM
            ? MetricFamilies.Type.HISTOGRAM : MetricFamilies.Type.SUMMARY);
      }
      case METRIC_TYPE_COUNTER -> families.metadata(name, MetricFamilies.Type.COUNTER);
      case METRIC_TYPE_GAUGE, METRIC_TYPE_GAUGEHISTOGRAM -> families.metadata(name, MetricFamilies.Type.GAUGE);
      case METRIC_TYPE_INFO, METRIC_TYPE_STATESET -> families.metadata(name, MetricFamilies.Type.UNTYPED);
      default -> {
        // unspecified: the family's earlier metadata, shapes and suffixes decide
      }
    }
  }
}
