package io.glasshouse.collector.remotewrite;

import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.collector.validate.Reasons;
import io.glasshouse.collector.validate.RejectionTally;
import io.glasshouse.collector.validate.RequestTooLargeException;
import io.glasshouse.collector.validate.ShapeLimits;
import io.glasshouse.collector.validate.UndecodableException;
import io.glasshouse.collector.wire.StringInterner;
import io.glasshouse.collector.wire.WireException;
import io.glasshouse.collector.wire.WireReader;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes an uncompressed remote write 1.0 {@code WriteRequest} straight from the request buffer, into exactly
 * the samples and refusals of {@link RemoteWriteDecoder} (the reference, over protobuf's generated classes,
 * which the agreement tests hold it to), without building a protobuf object.
 *
 * <p>One walk over the buffer with a {@link WireReader}: label names and values become strings through this
 * thread's {@link StringInterner} (after the first request almost none are made), sample values and timestamps
 * go into reused arrays; then metadata is applied, family shapes learnt and samples emitted as the reference
 * does. What is left per sample is the {@link Sample} itself, plus one {@code Labels} per series.
 *
 * <p>The walk also charges the body to the request's {@link ShapeLimits.Budget} as {@link RemoteWriteShape}
 * counts it (a sample per {@code samples} field, a value per field at every level, unknown fields included), so
 * there is no separate counting pass; a body past a limit is refused (413) before its samples are emitted.
 * Malformed bodies are refused as {@link UndecodableException} wherever the reference refuses them (lengths past
 * the end, bad varints, tags and wire types, invalid UTF-8 in string fields, unclosed groups).
 *
 * <p>One decoder per thread ({@link #forThisThread()}: event loops and decode workers); its arrays are kept
 * between requests up to {@value #RETAINED_SAMPLES} samples and series, larger ones are let go afterwards.
 */
public final class FastRemoteWriteDecoder {
  /** Samples (and series) whose arrays a thread keeps between requests. */
  static final int RETAINED_SAMPLES = 1 << 16;
  private static final ThreadLocal<FastRemoteWriteDecoder> PER_THREAD =
      ThreadLocal.withInitial(FastRemoteWriteDecoder::new);

  // WriteRequest, TimeSeries, Label, Sample, MetricMetadata field numbers (remote_write.proto)
  private static final int TIMESERIES = 1;
  private static final int METADATA = 3;
  private static final int LABELS = 1;
  private static final int SAMPLES = 2;
  private static final int LABEL_NAME = 1;
  private static final int LABEL_VALUE = 2;
  private static final int SAMPLE_VALUE = 1;
  private static final int SAMPLE_TIMESTAMP = 2;
  private static final int META_TYPE = 1;
  private static final int META_FAMILY = 2;
  private static final int META_HELP = 4;
  private static final int META_UNIT = 5;
  private static final int LEN_TAG = WireReader.LEN;

  private final WireReader in = new WireReader();
  private final StringInterner strings = new StringInterner();
  private final Labels.Builder builder = Labels.builder();

  // series with samples: mapped labels, where their samples are, where their bytes are (for refusal details)
  private SeriesLabels[] series = new SeriesLabels[256];
  private int[] firstSample = new int[256];
  private int[] seriesStart = new int[256];
  private int[] seriesEnd = new int[256];
  private int seriesCount;
  private double[] values = new double[1024];
  private long[] timestamps = new long[1024];
  private int sampleCount;
  private String[] metaFamilies = new String[16];
  private int[] metaTypes = new int[16];
  private int metaCount;

  /** This thread's decoder. */
  public static FastRemoteWriteDecoder forThisThread() {
    return PER_THREAD.get();
  }

  /** Decodes the whole array with a fresh {@link MetricFamilies} and the default limits (tests, benchmarks). */
  public static DecodedBatch decode(byte[] uncompressed) throws UndecodableException, RequestTooLargeException {
    return forThisThread().decode(uncompressed, 0, uncompressed.length, new MetricFamilies(),
        ShapeLimits.DEFAULTS.budget());
  }

  /**
   * Decodes {@code len} bytes at {@code off} of {@code buf}, the snappy-decompressed request. Its metadata is
   * remembered in {@code families}, and what {@code families} knows decides the kinds of its series (see
   * {@link SeriesClassifier}). The returned batch does not refer to {@code buf}, which may be reused at once.
   *
   * @throws RequestTooLargeException when the body passes a limit of {@code budget}
   * @throws UndecodableException when the body is not a well-formed {@code WriteRequest}
   */
  public DecodedBatch decode(byte[] buf, int off, int len, MetricFamilies families, ShapeLimits.Budget budget)
      throws UndecodableException, RequestTooLargeException {
    try {
      in.reset(buf, off, len);
      walkRequest(budget);
      return emit(families);
    } catch (WireException e) {
      throw new UndecodableException("body is not a remote write 1.0 WriteRequest protobuf: " + e.getMessage(), e);
    } finally {
      clear();
    }
  }

  private void walkRequest(ShapeLimits.Budget budget) throws WireException, RequestTooLargeException {
    while (in.more()) {
      int tag = in.readTag();
      budget.values(1);
      int field = WireReader.fieldNumber(tag);
      if (field == TIMESERIES && WireReader.wireType(tag) == LEN_TAG) {
        int outer = in.enter();
        walkSeries(budget);
        in.leave(outer);
      } else if (field == METADATA && WireReader.wireType(tag) == LEN_TAG) {
        int outer = in.enter();
        walkMetadata(budget);
        in.leave(outer);
      } else {
        in.skipField(tag);
      }
    }
  }

  private void walkSeries(ShapeLimits.Budget budget) throws WireException, RequestTooLargeException {
    int start = in.pos();
    int first = sampleCount;
    SeriesLabels labels = new SeriesLabels(builder);
    while (in.more()) {
      int tag = in.readTag();
      budget.values(1);
      int field = WireReader.fieldNumber(tag);
      if (field == SAMPLES) {
        budget.samples(1); // as RemoteWriteShape counts: by field number
      }
      if (field == LABELS && WireReader.wireType(tag) == LEN_TAG) {
        int outer = in.enter();
        walkLabel(labels, budget);
        in.leave(outer);
      } else if (field == SAMPLES && WireReader.wireType(tag) == LEN_TAG) {
        int outer = in.enter();
        walkSample(budget);
        in.leave(outer);
      } else {
        in.skipField(tag, 1);
      }
    }
    if (sampleCount == first) {
      return; // a series without samples is skipped, as by the reference (its strings were still checked)
    }
    if (seriesCount == series.length) {
      int n = seriesCount * 2;
      series = Arrays.copyOf(series, n);
      firstSample = Arrays.copyOf(firstSample, n);
      seriesStart = Arrays.copyOf(seriesStart, n);
      seriesEnd = Arrays.copyOf(seriesEnd, n);
    }
    series[seriesCount] = labels.finish();
    firstSample[seriesCount] = first;
    seriesStart[seriesCount] = start;
    seriesEnd[seriesCount++] = in.limit();
  }

  private void walkLabel(SeriesLabels labels, ShapeLimits.Budget budget)
      throws WireException, RequestTooLargeException {
    String name = "";
    String value = "";
    while (in.more()) {
      int tag = in.readTag();
      budget.values(1);
      if (tag == (LABEL_NAME << 3 | LEN_TAG)) {
        name = in.readString(strings);
      } else if (tag == (LABEL_VALUE << 3 | LEN_TAG)) {
        value = in.readString(strings);
      } else {
        in.skipField(tag, 2);
      }
    }
    labels.add(name, value);
  }

  private void walkSample(ShapeLimits.Budget budget) throws WireException, RequestTooLargeException {
    double value = 0;
    long timestamp = 0;
    while (in.more()) {
      int tag = in.readTag();
      budget.values(1);
      if (tag == (SAMPLE_VALUE << 3 | WireReader.FIXED64)) {
        value = in.readDouble();
      } else if (tag == (SAMPLE_TIMESTAMP << 3 | WireReader.VARINT)) {
        timestamp = in.readVarint();
      } else {
        in.skipField(tag, 2);
      }
    }
    if (sampleCount == values.length) {
      values = Arrays.copyOf(values, sampleCount * 2);
      timestamps = Arrays.copyOf(timestamps, sampleCount * 2);
    }
    values[sampleCount] = value;
    timestamps[sampleCount++] = timestamp;
  }

  private void walkMetadata(ShapeLimits.Budget budget) throws WireException, RequestTooLargeException {
    int type = 0;
    String family = "";
    while (in.more()) {
      int tag = in.readTag();
      budget.values(1);
      if (tag == (META_TYPE << 3 | WireReader.VARINT)) {
        type = (int) in.readVarint();
      } else if (tag == (META_FAMILY << 3 | LEN_TAG)) {
        family = in.readString(strings);
      } else if (tag == (META_HELP << 3 | LEN_TAG) || tag == (META_UNIT << 3 | LEN_TAG)) {
        in.skipString();
      } else {
        in.skipField(tag, 1);
      }
    }
    if (metaCount == metaFamilies.length) {
      metaFamilies = Arrays.copyOf(metaFamilies, metaCount * 2);
      metaTypes = Arrays.copyOf(metaTypes, metaCount * 2);
    }
    metaFamilies[metaCount] = family;
    metaTypes[metaCount++] = type;
  }

  /** What the reference does once the request is parsed: metadata, shapes, then the samples series by series. */
  private DecodedBatch emit(MetricFamilies families) {
    for (int m = 0; m < metaCount; m++) {
      families.metadata(metaFamilies[m], type(metaTypes[m]));
    }
    for (int t = 0; t < seriesCount; t++) {
      SeriesLabels sl = series[t];
      if (sl.name != null && sl.duplicate == null) {
        SeriesClassifier.learn(sl.name, sl.le != null, sl.labels.has(RemoteWriteDecoder.QUANTILE), families);
      }
    }
    RejectionTally tally = new RejectionTally();
    List<Sample> out = new ArrayList<>(sampleCount);
    for (int t = 0; t < seriesCount; t++) {
      SeriesLabels sl = series[t];
      int from = firstSample[t];
      int to = t + 1 < seriesCount ? firstSample[t + 1] : sampleCount;
      if (sl.duplicate != null) {
        tally.reject(Reasons.DUPLICATE_LABEL, to - from, "series " + describe(t)
            + " names label '" + sl.duplicate + "' twice; send each label once");
        continue;
      }
      String name = sl.name;
      SeriesClassifier.Kind kind = name == null ? SeriesClassifier.Kind.GAUGE
          : SeriesClassifier.classify(name, sl.le != null, families);
      if (kind == SeriesClassifier.Kind.HISTOGRAM_PART && sl.le != null && Double.isNaN(HistogramBound.parse(sl.le))) {
        tally.reject(Reasons.INVALID_BUCKETS, to - from, "histogram bucket " + describe(t)
            + " has le=\"" + sl.le + "\", which is not a number; use decimal upper bounds and \"+Inf\"");
        continue;
      }
      for (int i = from; i < to; i++) {
        double v = values[i];
        if (Double.isNaN(v)) {
          tally.drop(Double.doubleToRawLongBits(v) == RemoteWriteDecoder.STALE_NAN_BITS
              ? Reasons.STALE_MARKER : Reasons.NAN_VALUE, 1);
          continue;
        }
        long ts = timestamps[i];
        out.add(switch (kind) {
          case COUNTER -> Sample.counter(name, sl.labels, ts, v);
          case GAUGE -> Sample.gauge(name, sl.labels, ts, v);
          case HISTOGRAM_PART -> Sample.histogramPart(name, sl.labels, ts, v);
        });
      }
    }
    return new DecodedBatch(out, tally);
  }

  /** The metadata type of an enum number, as the reference maps {@code MetricType} (unknown numbers: untyped). */
  static MetricFamilies.Type type(int number) {
    return switch (number) {
      case 1 -> MetricFamilies.Type.COUNTER;
      case 2, 4 -> MetricFamilies.Type.GAUGE;
      case 3 -> MetricFamilies.Type.HISTOGRAM;
      case 5 -> MetricFamilies.Type.SUMMARY;
      default -> MetricFamilies.Type.UNTYPED;
    };
  }

  /** The series' labels as sent, for a refusal's detail (the reference's {@code describe}); walks its bytes again. */
  private String describe(int t) {
    StringBuilder sb = new StringBuilder("{");
    WireReader r = new WireReader().reset(in.buffer(), seriesStart[t], seriesEnd[t] - seriesStart[t]);
    try {
      while (r.more()) {
        int tag = r.readTag();
        if (tag != (LABELS << 3 | LEN_TAG)) {
          r.skipField(tag);
          continue;
        }
        int outer = r.enter();
        String name = "";
        String value = "";
        while (r.more()) {
          int lt = r.readTag();
          if (lt == (LABEL_NAME << 3 | LEN_TAG)) {
            name = r.readUtf8();
          } else if (lt == (LABEL_VALUE << 3 | LEN_TAG)) {
            value = r.readUtf8();
          } else {
            r.skipField(lt);
          }
        }
        r.leave(outer);
        if (sb.length() > 1) {
          sb.append(',');
        }
        sb.append(name).append("=\"").append(value).append('"');
        if (sb.length() > 200) {
          sb.append("...");
          break;
        }
      }
    } catch (WireException e) {
      throw new IllegalStateException("a series read once could not be read again", e);
    }
    return sb.append('}').toString();
  }

  /** Forgets the request (no references to its buffer or labels stay) and lets oversized arrays go. */
  private void clear() {
    in.release();
    Arrays.fill(series, 0, seriesCount, null);
    Arrays.fill(metaFamilies, 0, metaCount, null);
    seriesCount = 0;
    sampleCount = 0;
    metaCount = 0;
    if (values.length > RETAINED_SAMPLES) {
      values = new double[1024];
      timestamps = new long[1024];
    }
    if (series.length > RETAINED_SAMPLES) {
      series = new SeriesLabels[256];
      firstSample = new int[256];
      seriesStart = new int[256];
      seriesEnd = new int[256];
    }
  }
}
