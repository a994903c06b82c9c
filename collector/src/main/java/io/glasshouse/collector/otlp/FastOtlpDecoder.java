package io.glasshouse.collector.otlp;

import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.collector.validate.Reasons;
import io.glasshouse.collector.validate.RejectionTally;
import io.glasshouse.collector.validate.RequestTooLargeException;
import io.glasshouse.collector.validate.ShapeLimits;
import io.glasshouse.collector.validate.UndecodableException;
import io.glasshouse.collector.wire.StringInterner;
import io.glasshouse.collector.wire.Utf8;
import io.glasshouse.collector.wire.WireException;
import io.glasshouse.collector.wire.WireReader;
import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.Temporality;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes an OTLP/HTTP protobuf {@code ExportMetricsServiceRequest} straight from the request buffer into exactly
 * the samples, drops and refusals of {@link OtlpDecoder} (the reference, over protobuf's generated classes, which
 * the agreement tests hold it to), without building a protobuf object.
 *
 * <p>One walk with a {@link WireReader}. Label names and values become strings through this thread's
 * {@link StringInterner}s (one for values, one for names with dots already turned into underscores), so after the
 * first request from a fleet almost no strings are made; numbers and bucket arrays go into reused arrays. What is
 * left per point is its {@link Sample}, its {@code Labels} and, for histograms, its {@code Buckets}.
 *
 * <p>Protobuf's merge rules are kept: a singular message given twice is one message (the {@code resource} of a
 * {@code ResourceMetrics}, a {@code KeyValue}'s {@code value}, exponential {@code positive}/{@code negative});
 * the last scalar wins; of a oneof ({@code Metric} data, {@code AnyValue}, a point's value) the last case read
 * wins, and a message case keeps every occurrence of its field (protobuf-java's builders do). So a
 * {@code ResourceMetrics} is read in two steps (its fields' places, then the resource, then the scopes), and a
 * {@code Metric} too (name, unit and data case first, then the data of that case).
 *
 * <p>The walk charges the request's {@link ShapeLimits.Budget} as {@link OtlpShape} does (samples, bucket arrays,
 * and every value a parse would build), and refuses every body protobuf-java refuses (see {@link OtlpSkim}).
 * A refused body is then handed to {@link OtlpShape}, the reference's counting walk, so that the refusal is the
 * reference's: a 413 naming the limit it names, or (when that walk passes) the fast decoder's 400.
 *
 * <p>One decoder per thread ({@link #forThisThread()}); not thread-safe.
 */
public final class FastOtlpDecoder {
  private static final ThreadLocal<FastOtlpDecoder> PER_THREAD = ThreadLocal.withInitial(FastOtlpDecoder::new);
  private static final int LEN = WireReader.LEN;
  private static final int FIXED64 = WireReader.FIXED64;
  private static final int VARINT = WireReader.VARINT;
  private static final int NO_RECORDED_VALUE = 1;
  /** Elements of the reused arrays a thread keeps between requests. */
  static final int RETAINED = 1 << 14;

  private final WireReader in = new WireReader();
  private final OtlpSkim skim = new OtlpSkim(in);
  private final StringInterner strings = new StringInterner();
  private final StringInterner names = StringInterner.withDotsAsUnderscores();
  private final Labels.Builder builder = Labels.builder();
  private final AnyValueText[] anyValues = new AnyValueText[WireReader.MAX_DEPTH + 2];

  private ShapeLimits.Budget budget;
  private List<Sample> out;
  private RejectionTally tally;

  // the ResourceMetrics being read: its resource and scope occurrences, the resource's label pairs
  private int[] resources = new int[8];
  private int resourceCount;
  private int[] scopes = new int[8];
  private int scopeCount;
  private String[] resourcePairs = new String[16];
  private int resourcePairCount;

  // the Metric being read
  private int[] data = new int[12];
  private int dataCount;
  private int[] points = new int[64];
  private int pointCount;
  private int nameOff;
  private int nameLen;
  private String name;
  private String unit;
  private int temporality;
  private boolean monotonic;

  // the point being read
  private String[] attrNames = new String[16];
  private String[] attrValues = new String[16];
  private int attrCount;
  private int flags;
  private long startNanos;
  private long timeNanos;
  private int valueCase;
  private long valueBits;
  private long count;
  private boolean hasSum;
  private double sum;
  private long[] bucketCounts = new long[64];
  private int bucketCountN;
  private double[] bounds = new double[64];
  private int boundN;
  private int scale;
  private long zeroCount;
  private double zeroThreshold;
  private int positiveOffset;
  private long negativeTotal;
  private double[] quantiles = new double[16];
  private double[] quantileValues = new double[16];
  private int quantileN;

  // the KeyValue just read
  private String kvKey;
  private String kvText;

  /** This thread's decoder. */
  public static FastOtlpDecoder forThisThread() {
    return PER_THREAD.get();
  }

  /** Decodes the whole array with the default limits (tests, benchmarks). */
  public static DecodedBatch decode(byte[] body) throws UndecodableException, RequestTooLargeException {
    return forThisThread().decode(body, 0, body.length, ShapeLimits.DEFAULTS.budget());
  }

  /**
   * Decodes {@code len} bytes at {@code off} of {@code buf}, an uncompressed {@code ExportMetricsServiceRequest}.
   * The returned batch does not refer to {@code buf}, which may be reused at once.
   *
   * @throws RequestTooLargeException when the body passes a limit of {@code budget}
   * @throws UndecodableException when the body is not a well-formed request
   */
  public DecodedBatch decode(byte[] buf, int off, int len, ShapeLimits.Budget budget)
      throws UndecodableException, RequestTooLargeException {
    try {
      this.budget = budget;
      skim.budget(budget);
      out = new ArrayList<>();
      tally = new RejectionTally();
      in.reset(buf, off, len);
      request();
      return new DecodedBatch(out, tally);
    } catch (WireException e) {
      asReference(buf, off, len, budget);
      throw new UndecodableException("body is not an OTLP ExportMetricsServiceRequest protobuf: " + e.getMessage(), e);
    } catch (RequestTooLargeException e) {
      asReference(buf, off, len, budget);
      throw e;
    } finally {
      clear();
    }
  }

  /**
   * Refuses a body this decoder refuses as the reference does when {@link OtlpShape}'s walk refuses it (it stops at
   * the first limit or flaw in its own order, this walk in another); returns when that walk passes.
   */
  private static void asReference(byte[] buf, int off, int len, ShapeLimits.Budget budget)
      throws UndecodableException, RequestTooLargeException {
    OtlpShape.checkProtobuf(Arrays.copyOfRange(buf, off, off + len), budget.limits().budget());
  }

  private void request() throws WireException, RequestTooLargeException {
    while (in.more()) {
      int tag = in.readTag();
      if (tag == (1 << 3 | LEN)) {
        budget.values(1);
        int outer = in.enter();
        resourceMetrics();
        in.leave(outer);
      } else {
        skim.field(OtlpSkim.REQUEST, tag, 0);
      }
    }
  }

  /** A ResourceMetrics (depth 1): where its resource and scopes are, then the resource, then the scopes. */
  private void resourceMetrics() throws WireException, RequestTooLargeException {
    resourceCount = 0;
    scopeCount = 0;
    while (in.more()) {
      int tag = in.readTag();
      if (tag == (1 << 3 | LEN)) {
        budget.values(1);
        resources = place(resources, resourceCount++);
      } else if (tag == (2 << 3 | LEN)) {
        budget.values(1);
        scopes = place(scopes, scopeCount++);
      } else {
        skim.field(OtlpSkim.RESOURCE_METRICS, tag, 1);
      }
    }
    int end = in.pos();
    int limit = in.limit();
    resourcePairCount = 0;
    for (int i = 0; i < resourceCount; i++) {
      in.reset(in.buffer(), resources[2 * i], resources[2 * i + 1] - resources[2 * i]);
      resource();
    }
    for (int i = 0; i < scopeCount; i++) {
      in.reset(in.buffer(), scopes[2 * i], scopes[2 * i + 1] - scopes[2 * i]);
      scopeMetrics();
    }
    in.reset(in.buffer(), end, limit - end);
  }

  /** Records the place (start, end) of the length-delimited field whose tag was just read, and skips it. */
  private int[] place(int[] places, int i) throws WireException {
    int[] p = 2 * i + 2 > places.length ? Arrays.copyOf(places, places.length * 2) : places;
    int outer = in.enter();
    p[2 * i] = in.pos();
    p[2 * i + 1] = in.limit();
    in.leave(outer);
    return p;
  }

  /** A Resource (depth 2): its attributes become label pairs as {@link OtlpLabels#resourcePairs} maps them. */
  private void resource() throws WireException, RequestTooLargeException {
    while (in.more()) {
      int tag = in.readTag();
      if (tag == (1 << 3 | LEN)) {
        budget.values(1);
        int outer = in.enter();
        keyValue(3, false);
        in.leave(outer);
        String key = kvKey;
        String label;
        if (OtlpLabels.SERVICE_NAME.equals(key)) {
          label = io.glasshouse.rollup.sample.WellKnownLabels.SERVICE;
        } else if (OtlpLabels.SERVICE_INSTANCE_ID.equals(key)) {
          label = io.glasshouse.rollup.sample.WellKnownLabels.INSTANCE;
        } else if (OtlpLabels.SERVICE_VERSION.equals(key)) {
          label = io.glasshouse.rollup.sample.WellKnownLabels.VERSION;
        } else if (key.startsWith("telemetry.sdk.")) {
          continue;
        } else {
          label = OtlpLabels.labelName(key);
        }
        if (resourcePairCount + 2 > resourcePairs.length) {
          resourcePairs = Arrays.copyOf(resourcePairs, resourcePairs.length * 2);
        }
        resourcePairs[resourcePairCount++] = label;
        resourcePairs[resourcePairCount++] = kvText;
      } else {
        skim.field(OtlpSkim.RESOURCE, tag, 2);
      }
    }
  }

  /** A ScopeMetrics (depth 2): its metrics in order. */
  private void scopeMetrics() throws WireException, RequestTooLargeException {
    while (in.more()) {
      int tag = in.readTag();
      if (tag == (2 << 3 | LEN)) {
        budget.values(1);
        int outer = in.enter();
        metric();
        in.leave(outer);
      } else {
        skim.field(OtlpSkim.SCOPE_METRICS, tag, 2);
      }
    }
  }

  /** A Metric (depth 3): name, unit and data case first, then the data of that case. */
  private void metric() throws WireException, RequestTooLargeException {
    dataCount = 0;
    name = "";
    nameOff = 0;
    nameLen = 0;
    unit = "";
    int dataCase = 0;
    while (in.more()) {
      int tag = in.readTag();
      int field = WireReader.fieldNumber(tag);
      if (tag == (1 << 3 | LEN)) {
        budget.values(1);
        int outer = in.enter();
        nameOff = in.pos();
        nameLen = in.limit() - nameOff;
        name = names.intern(in.buffer(), nameOff, nameLen);
        in.leave(outer);
      } else if (tag == (3 << 3 | LEN)) {
        budget.values(1);
        unit = in.readString(strings);
      } else if (WireReader.wireType(tag) == LEN && OtlpSkim.dataType(field) >= 0) {
        budget.values(1);
        if (3 * dataCount + 3 > data.length) {
          data = Arrays.copyOf(data, data.length * 2);
        }
        int outer = in.enter();
        data[3 * dataCount] = field;
        data[3 * dataCount + 1] = in.pos();
        data[3 * dataCount++ + 2] = in.limit();
        in.leave(outer);
        dataCase = field;
      } else {
        skim.field(OtlpSkim.METRIC, tag, 3);
      }
    }
    int end = in.pos();
    int limit = in.limit();
    for (int i = 0; i < dataCount; i++) {
      if (data[3 * i] != dataCase) {
        in.reset(in.buffer(), data[3 * i + 1], data[3 * i + 2] - data[3 * i + 1]);
        skim.message(OtlpSkim.dataType(data[3 * i]), 4);
      }
    }
    if (dataCase != 0) {
      data(OtlpSkim.dataType(dataCase), dataCase);
    }
    in.reset(in.buffer(), end, limit - end);
  }

  /** The data of a metric's case (depth 4), over every occurrence of its field: settings, then the points. */
  private void data(int type, int field) throws WireException, RequestTooLargeException {
    pointCount = 0;
    temporality = 0;
    monotonic = false;
    boolean hasTemporality = type == OtlpSkim.SUM || type == OtlpSkim.HISTOGRAM
        || type == OtlpSkim.EXPONENTIAL_HISTOGRAM;
    for (int i = 0; i < dataCount; i++) {
      if (data[3 * i] != field) {
        continue;
      }
      in.reset(in.buffer(), data[3 * i + 1], data[3 * i + 2] - data[3 * i + 1]);
      while (in.more()) {
        int tag = in.readTag();
        if (tag == (1 << 3 | LEN)) {
          budget.samples(1);
          budget.values(1);
          points = place(points, pointCount++);
        } else if (hasTemporality && tag == (2 << 3 | VARINT)) {
          budget.values(1);
          temporality = (int) in.readVarint();
        } else if (type == OtlpSkim.SUM && tag == (3 << 3 | VARINT)) {
          budget.values(1);
          monotonic = in.readVarint() != 0;
        } else {
          skim.field(type, tag, 4);
        }
      }
    }
    int pointType = OtlpSkim.kind(type, 1);
    Temporality t = null;
    MetricKind kind = MetricKind.GAUGE;
    boolean decode = true;
    switch (type) {
      case OtlpSkim.SUM -> {
        if (monotonic) {
          t = temporality(pointCount);
          decode = t != null;
          kind = MetricKind.COUNTER;
        }
      }
      case OtlpSkim.HISTOGRAM, OtlpSkim.EXPONENTIAL_HISTOGRAM -> {
        t = temporality(pointCount);
        decode = t != null;
      }
      default -> {
      }
    }
    double factor = Units.toSeconds(unit);
    for (int i = 0; i < pointCount; i++) {
      in.reset(in.buffer(), points[2 * i], points[2 * i + 1] - points[2 * i]);
      if (!decode) {
        skim.message(pointType, 5);
        continue;
      }
      switch (type) {
        case OtlpSkim.GAUGE, OtlpSkim.SUM -> number(kind, t);
        case OtlpSkim.HISTOGRAM -> histogram(t, factor);
        case OtlpSkim.EXPONENTIAL_HISTOGRAM -> exponential(t, factor);
        default -> summary(factor);
      }
    }
  }

  /** The temporality of a sum or histogram, or null (and its points refused) when it is neither. */
  private Temporality temporality(int points) {
    return switch (temporality) {
      case 2 -> Temporality.CUMULATIVE;
      case 1 -> Temporality.DELTA;
      default -> {
        refuse(Reasons.UNSUPPORTED_POINT, points, "has aggregation_temporality "
            + (temporality == 0 ? "AGGREGATION_TEMPORALITY_UNSPECIFIED" : "UNRECOGNIZED")
            + "; set CUMULATIVE or DELTA");
        yield null;
      }
    };
  }

  private void startPoint() {
    attrCount = 0;
    flags = 0;
    startNanos = 0;
    timeNanos = 0;
    valueCase = 0;
    valueBits = 0;
    count = 0;
    hasSum = false;
    sum = 0;
    bucketCountN = 0;
    boundN = 0;
    scale = 0;
    zeroCount = 0;
    zeroThreshold = 0;
    positiveOffset = 0;
    negativeTotal = 0;
    quantileN = 0;
  }

  /** Reads a field every point type has (attributes, times, flags); false when {@code tag} is none of them. */
  private boolean common(int tag, int attributesField, int flagsField) throws WireException, RequestTooLargeException {
    if (tag == (attributesField << 3 | LEN)) {
      budget.values(1);
      int outer = in.enter();
      keyValue(6, true);
      in.leave(outer);
      if (attrCount == attrNames.length) {
        attrNames = Arrays.copyOf(attrNames, attrCount * 2);
        attrValues = Arrays.copyOf(attrValues, attrCount * 2);
      }
      attrNames[attrCount] = kvKey;
      attrValues[attrCount++] = kvText;
    } else if (tag == (2 << 3 | FIXED64)) {
      budget.values(1);
      startNanos = in.readFixed64();
    } else if (tag == (3 << 3 | FIXED64)) {
      budget.values(1);
      timeNanos = in.readFixed64();
    } else if (tag == (flagsField << 3 | VARINT)) {
      budget.values(1);
      flags = (int) in.readVarint();
    } else {
      return false;
    }
    return true;
  }

  /** A NumberDataPoint (depth 5). */
  private void number(MetricKind kind, Temporality t) throws WireException, RequestTooLargeException {
    startPoint();
    while (in.more()) {
      int tag = in.readTag();
      if (common(tag, 7, 8)) {
        continue;
      }
      if (tag == (4 << 3 | FIXED64) || tag == (6 << 3 | FIXED64)) {
        budget.values(1);
        valueCase = WireReader.fieldNumber(tag);
        valueBits = in.readFixed64();
      } else {
        skim.field(OtlpSkim.NUMBER_POINT, tag, 5);
      }
    }
    Labels labels = pointLabels();
    if (labels == null) {
      return;
    }
    double v;
    if (valueCase == 4) {
      v = Double.longBitsToDouble(valueBits);
    } else if (valueCase == 6) {
      v = valueBits;
    } else {
      refuse(Reasons.UNSUPPORTED_POINT, 1, "has a point without as_double or as_int; set a value");
      return;
    }
    long ts = OtlpDecoder.millis(timeNanos);
    long start = kind == MetricKind.GAUGE ? 0 : OtlpDecoder.millis(startNanos);
    Temporality temporality = kind == MetricKind.GAUGE ? Temporality.DELTA : t;
    out.add(new Sample(name, labels, ts, kind, temporality, v, null, start));
  }

  /** A HistogramDataPoint (depth 5). */
  private void histogram(Temporality t, double factor) throws WireException, RequestTooLargeException {
    startPoint();
    while (in.more()) {
      int tag = in.readTag();
      if (common(tag, 9, 10)) {
        continue;
      }
      if (tag == (4 << 3 | FIXED64)) {
        budget.values(1);
        count = in.readFixed64();
      } else if (tag == (5 << 3 | FIXED64)) {
        budget.values(1);
        hasSum = true;
        sum = in.readDouble();
      } else if (tag == (6 << 3 | FIXED64)) {
        budget.histogram(1);
        budget.values(1);
        addBucketCount(in.readFixed64());
      } else if (tag == (7 << 3 | FIXED64)) {
        budget.histogram(1);
        budget.values(1);
        addBound(in.readDouble());
      } else if (tag == (6 << 3 | LEN) || tag == (7 << 3 | LEN)) {
        int outer = in.enter();
        int n = in.limit() - in.pos();
        if (n % 8 != 0) {
          throw new WireException("a packed array of 8-byte numbers is " + n + " bytes long");
        }
        budget.histogram(n / 8);
        budget.values(n / 8);
        boolean counts = tag == (6 << 3 | LEN);
        while (in.more()) {
          if (counts) {
            addBucketCount(in.readFixed64());
          } else {
            addBound(in.readDouble());
          }
        }
        in.leave(outer);
      } else {
        skim.field(OtlpSkim.HISTOGRAM_POINT, tag, 5);
      }
    }
    Labels labels = pointLabels();
    if (labels == null) {
      return;
    }
    Buckets b = ExplicitBuckets.of(bounds, boundN, bucketCounts, bucketCountN, count, hasSum, sum, factor);
    if (b == null) {
      refuse(Reasons.INVALID_BUCKETS, 1, ExplicitBuckets.mismatch(bucketCountN, boundN));
      return;
    }
    out.add(new Sample(name, labels, OtlpDecoder.millis(timeNanos), MetricKind.HISTOGRAM, t, 0, b,
        OtlpDecoder.millis(startNanos)));
  }

  private void addBucketCount(long c) {
    if (bucketCountN == bucketCounts.length) {
      bucketCounts = Arrays.copyOf(bucketCounts, bucketCountN * 2);
    }
    bucketCounts[bucketCountN++] = c;
  }

  private void addBound(double b) {
    if (boundN == bounds.length) {
      bounds = Arrays.copyOf(bounds, boundN * 2);
    }
    bounds[boundN++] = b;
  }

  /** An ExponentialHistogramDataPoint (depth 5). */
  private void exponential(Temporality t, double factor) throws WireException, RequestTooLargeException {
    startPoint();
    while (in.more()) {
      int tag = in.readTag();
      if (common(tag, 1, 10)) {
        continue;
      }
      if (tag == (4 << 3 | FIXED64)) {
        budget.values(1);
        count = in.readFixed64();
      } else if (tag == (5 << 3 | FIXED64)) {
        budget.values(1);
        hasSum = true;
        sum = in.readDouble();
      } else if (tag == (6 << 3 | VARINT)) {
        budget.values(1);
        int raw = (int) in.readVarint();
        scale = (raw >>> 1) ^ -(raw & 1);
      } else if (tag == (7 << 3 | FIXED64)) {
        budget.values(1);
        zeroCount = in.readFixed64();
      } else if (tag == (14 << 3 | FIXED64)) {
        budget.values(1);
        zeroThreshold = in.readDouble();
      } else if (tag == (8 << 3 | LEN) || tag == (9 << 3 | LEN)) {
        budget.values(1);
        int outer = in.enter();
        budget.histogram(buckets(tag == (8 << 3 | LEN)));
        in.leave(outer);
      } else {
        skim.field(OtlpSkim.EXPONENTIAL_POINT, tag, 5);
      }
    }
    Labels labels = pointLabels();
    if (labels == null) {
      return;
    }
    Buckets b = ExponentialBuckets.of(bucketCounts, bucketCountN, positiveOffset, negativeTotal, zeroCount,
        zeroThreshold, scale, count, hasSum, sum, factor);
    out.add(new Sample(name, labels, OtlpDecoder.millis(timeNanos), MetricKind.HISTOGRAM, t, 0, b,
        OtlpDecoder.millis(startNanos)));
  }

  /**
   * One occurrence of exponential {@code positive} (counts kept, offset last wins) or {@code negative} (counts
   * summed) buckets (depth 6); returns the bucket count {@link OtlpShape} charges for it.
   */
  private long buckets(boolean positive) throws WireException, RequestTooLargeException {
    long n = 0;
    while (in.more()) {
      int tag = in.readTag();
      if (tag == (1 << 3 | VARINT)) {
        budget.values(1);
        int raw = (int) in.readVarint();
        if (positive) {
          positiveOffset = (raw >>> 1) ^ -(raw & 1);
        }
      } else if (tag == (2 << 3 | VARINT)) {
        budget.values(1);
        n++;
        bucket(positive, in.readVarint());
      } else if (tag == (2 << 3 | LEN)) {
        int outer = in.enter();
        long k = 0;
        while (in.more()) {
          bucket(positive, in.readVarint());
          k++;
        }
        budget.values(k);
        n += k;
        in.leave(outer);
      } else {
        n += skim.field(OtlpSkim.EXPONENTIAL_BUCKETS, tag, 6);
      }
    }
    return n;
  }

  private void bucket(boolean positive, long c) {
    if (positive) {
      addBucketCount(c);
    } else {
      negativeTotal = io.glasshouse.collector.validate.Counts.add(negativeTotal, c);
    }
  }

  /** A SummaryDataPoint (depth 5): {@code _count}, {@code _sum} and one gauge per quantile. */
  private void summary(double factor) throws WireException, RequestTooLargeException {
    startPoint();
    while (in.more()) {
      int tag = in.readTag();
      if (common(tag, 7, 8)) {
        continue;
      }
      if (tag == (4 << 3 | FIXED64)) {
        budget.values(1);
        count = in.readFixed64();
      } else if (tag == (5 << 3 | FIXED64)) {
        budget.values(1);
        sum = in.readDouble();
      } else if (tag == (6 << 3 | LEN)) {
        budget.samples(1);
        budget.values(1);
        int outer = in.enter();
        quantile();
        in.leave(outer);
      } else {
        skim.field(OtlpSkim.SUMMARY_POINT, tag, 5);
      }
    }
    Labels labels = pointLabels();
    if (labels == null) {
      return;
    }
    long ts = OtlpDecoder.millis(timeNanos);
    long start = OtlpDecoder.millis(startNanos);
    out.add(new Sample(name + "_count", labels, ts, MetricKind.COUNTER, Temporality.CUMULATIVE, count, null, start));
    out.add(new Sample(name + "_sum", labels, ts, MetricKind.COUNTER, Temporality.CUMULATIVE, sum * factor, null,
        start));
    for (int i = 0; i < quantileN; i++) {
      out.add(Sample.gauge(name, labels.with("quantile", Double.toString(quantiles[i])), ts,
          quantileValues[i] * factor));
    }
  }

  /** A ValueAtQuantile (depth 6). */
  private void quantile() throws WireException, RequestTooLargeException {
    double q = 0;
    double v = 0;
    while (in.more()) {
      int tag = in.readTag();
      if (tag == (1 << 3 | FIXED64)) {
        budget.values(1);
        q = in.readDouble();
      } else if (tag == (2 << 3 | FIXED64)) {
        budget.values(1);
        v = in.readDouble();
      } else {
        skim.field(OtlpSkim.QUANTILE, tag, 6);
      }
    }
    if (quantileN == quantiles.length) {
      quantiles = Arrays.copyOf(quantiles, quantileN * 2);
      quantileValues = Arrays.copyOf(quantileValues, quantileN * 2);
    }
    quantiles[quantileN] = q;
    quantileValues[quantileN++] = v;
  }

  /**
   * The point's labels (resource pairs, then its attributes), or null when it is dropped (no recorded value) or
   * refused (a label twice after mapping), as {@link OtlpDecoder} decides.
   */
  private Labels pointLabels() {
    if ((flags & NO_RECORDED_VALUE) != 0) {
      tally.drop(Reasons.NO_RECORDED_VALUE, 1);
      return null;
    }
    Labels.Builder b = builder.clear();
    for (int i = 0; i < resourcePairCount; i += 2) {
      b.put(resourcePairs[i], resourcePairs[i + 1]);
    }
    for (int i = 0; i < attrCount; i++) {
      b.put(attrNames[i], attrValues[i]);
    }
    if (b.duplicate() != null) {
      refuse(Reasons.DUPLICATE_LABEL, 1, "has label '" + b.duplicate() + "' twice after mapping (resource and "
          + "point attributes, or keys differing only in '.' versus '_'); send each name once");
      return null;
    }
    return b.build();
  }

  private void refuse(String reason, int n, String problem) {
    if (tally.has(reason)) {
      tally.reject(reason, n, "");
      return;
    }
    String raw;
    try {
      raw = Utf8.decode(in.buffer(), nameOff, nameLen);
    } catch (WireException e) {
      throw new IllegalStateException("a metric name read once could not be read again", e);
    }
    tally.reject(reason, n, "metric " + raw + " " + problem);
  }

  /**
   * A KeyValue nested {@code depth} deep: leaves its key in {@link #kvKey} (as a label name with dots mapped when
   * {@code labelName}, else as sent) and its value's text in {@link #kvText}.
   */
  private void keyValue(int depth, boolean labelName) throws WireException, RequestTooLargeException {
    if (depth > WireReader.MAX_DEPTH) {
      throw new WireException("messages are nested more than " + WireReader.MAX_DEPTH + " deep");
    }
    String key = "";
    AnyValueText value = anyValue(depth + 1).reset();
    while (in.more()) {
      int tag = in.readTag();
      if (tag == (1 << 3 | LEN)) {
        budget.values(1);
        key = in.readString(labelName ? names : strings);
      } else if (tag == (2 << 3 | LEN)) {
        budget.values(1);
        int outer = in.enter();
        anyValueField(value, depth + 1);
        in.leave(outer);
      } else {
        skim.field(OtlpSkim.KEY_VALUE, tag, depth);
      }
    }
    String text = value.text();
    kvKey = key;
    kvText = text;
  }

  private AnyValueText anyValue(int depth) {
    AnyValueText v = anyValues[depth];
    if (v == null) {
      v = new AnyValueText();
      anyValues[depth] = v;
    }
    return v;
  }

  /** One occurrence of an AnyValue nested {@code depth} deep, read into {@code v}. */
  private void anyValueField(AnyValueText v, int depth) throws WireException, RequestTooLargeException {
    if (depth > WireReader.MAX_DEPTH) {
      throw new WireException("messages are nested more than " + WireReader.MAX_DEPTH + " deep");
    }
    while (in.more()) {
      int tag = in.readTag();
      switch (tag) {
        case 1 << 3 | LEN -> {
          budget.values(1);
          v.string = in.readString(strings);
          v.kind = AnyValueText.STRING;
        }
        case 2 << 3 | VARINT, 3 << 3 | VARINT -> {
          budget.values(1);
          v.bits = in.readVarint();
          v.kind = WireReader.fieldNumber(tag);
        }
        case 4 << 3 | FIXED64 -> {
          budget.values(1);
          v.bits = in.readFixed64();
          v.kind = AnyValueText.DOUBLE;
        }
        case 5 << 3 | LEN -> {
          budget.values(1);
          int outer = in.enter();
          array(v, depth + 1);
          in.leave(outer);
          v.kind = AnyValueText.ARRAY;
        }
        case 6 << 3 | LEN -> {
          budget.values(1);
          int outer = in.enter();
          keyValueList(v, depth + 1);
          in.leave(outer);
          v.kind = AnyValueText.KVLIST;
        }
        case 7 << 3 | LEN -> {
          budget.values(1);
          int outer = in.enter();
          v.buffer = in.buffer();
          v.bytesOff = in.pos();
          v.bytesLen = in.limit() - in.pos();
          in.leave(outer);
          v.kind = AnyValueText.BYTES;
        }
        case 8 << 3 | VARINT -> {
          budget.values(1);
          in.readVarint();
          v.kind = AnyValueText.NONE; // string_value_strindex: no text, as the reference maps it
        }
        default -> skim.field(OtlpSkim.ANY_VALUE, tag, depth);
      }
    }
  }

  /** An ArrayValue nested {@code depth} deep: each element's text is added to {@code v}. */
  private void array(AnyValueText v, int depth) throws WireException, RequestTooLargeException {
    if (depth > WireReader.MAX_DEPTH) {
      throw new WireException("messages are nested more than " + WireReader.MAX_DEPTH + " deep");
    }
    while (in.more()) {
      int tag = in.readTag();
      if (tag == (1 << 3 | LEN)) {
        budget.values(1);
        AnyValueText element = anyValue(depth + 1).reset();
        int outer = in.enter();
        anyValueField(element, depth + 1);
        in.leave(outer);
        v.elements.add(element.text());
      } else {
        skim.field(OtlpSkim.ARRAY_VALUE, tag, depth);
      }
    }
  }

  /** A KeyValueList nested {@code depth} deep: each entry's {@code key=text} is added to {@code v}. */
  private void keyValueList(AnyValueText v, int depth) throws WireException, RequestTooLargeException {
    if (depth > WireReader.MAX_DEPTH) {
      throw new WireException("messages are nested more than " + WireReader.MAX_DEPTH + " deep");
    }
    while (in.more()) {
      int tag = in.readTag();
      if (tag == (1 << 3 | LEN)) {
        budget.values(1);
        int outer = in.enter();
        keyValue(depth + 1, false);
        in.leave(outer);
        v.entries.add(kvKey + "=" + kvText);
      } else {
        skim.field(OtlpSkim.KEY_VALUE_LIST, tag, depth);
      }
    }
  }

  /** Forgets the request (no reference to its buffer or strings stays) and lets oversized arrays go. */
  private void clear() {
    in.release();
    out = null;
    tally = null;
    budget = null;
    skim.budget(null);
    builder.clear();
    Arrays.fill(resourcePairs, 0, resourcePairCount, null);
    Arrays.fill(attrNames, 0, attrCount, null);
    Arrays.fill(attrValues, 0, attrCount, null);
    resourcePairCount = 0;
    attrCount = 0;
    name = null;
    unit = null;
    kvKey = null;
    kvText = null;
    for (AnyValueText v : anyValues) {
      if (v != null) {
        v.reset();
      }
    }
    if (bucketCounts.length > RETAINED || bounds.length > RETAINED || points.length > RETAINED
        || attrNames.length > RETAINED || quantiles.length > RETAINED || resourcePairs.length > RETAINED) {
      bucketCounts = new long[64];
      bounds = new double[64];
      points = new int[64];
      attrNames = new String[16];
      attrValues = new String[16];
      quantiles = new double[16];
      quantileValues = new double[16];
      resourcePairs = new String[16];
    }
  }
}
