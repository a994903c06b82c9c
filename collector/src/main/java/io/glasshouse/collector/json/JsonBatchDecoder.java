package io.glasshouse.collector.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.collector.validate.JsonShape;
import io.glasshouse.collector.validate.Reasons;
import io.glasshouse.collector.validate.RejectionTally;
import io.glasshouse.collector.validate.SampleValidator;
import io.glasshouse.collector.validate.UndecodableException;
import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.Temporality;
import io.glasshouse.rollup.sample.WellKnownLabels;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Decodes the JSON batch format:
 *
 * <pre>{@code
 * {"service": "checkout", "instance": "i-1", "labels": {"region": "eu"},
 *  "samples": [
 *    {"metric": "http_requests", "type": "counter", "value": 3, "labels": {"status": "200"},
 *     "timestamp": "2026-11-27T12:00:00Z"},
 *    {"metric": "queue_depth", "type": "gauge", "value": 7, "timestamp": 1795780800000},
 *    {"metric": "http_latency_seconds", "type": "histogram",
 *     "buckets": {"0.1": 3, "0.5": 7, "+Inf": 9}, "sum": 1.2},
 *    {"metric": "http_latency_seconds", "type": "histogram", "values": [0.12, 0.3]}]}
 * }</pre>
 *
 * <p>{@code service}, {@code instance} and {@code labels} at the top apply to every sample; a sample's own
 * {@code labels} override the top-level ones. Types: {@code counter} (cumulative), {@code delta_counter},
 * {@code gauge}, {@code histogram}. A histogram has either {@code buckets} (cumulative counts by {@code le}
 * upper bound, like Prometheus; {@code count} defaults to the {@code +Inf} bucket; {@code sum} defaults to 0;
 * cumulative over time unless {@code "temporality": "delta"}) or {@code values} (raw observations since the
 * last report: a delta histogram whose bounds are the distinct values, so nothing is rounded). Timestamps are
 * RFC 3339 strings or epoch milliseconds; missing means now (from the clock). A repeated JSON key anywhere is
 * an undecodable body.
 *
 * <p>Thread-safe.
 */
public final class JsonBatchDecoder {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  /**
   * The shape this format is checked against before decoding: {@code samples} entries are samples,
   * {@code buckets} objects and {@code values} arrays are histogram bucket arrays.
   */
  public static final JsonShape SHAPE = new JsonShape(Map.of("samples", JsonShape.Kind.SAMPLES,
      "buckets", JsonShape.Kind.BUCKETS, "values", JsonShape.Kind.BUCKETS));

  private final Clock clock;

  public JsonBatchDecoder(Clock clock) {
    this.clock = clock;
  }

  /** Decodes a (decompressed) body. */
  public DecodedBatch decode(byte[] body) throws UndecodableException {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new UndecodableException("body is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UndecodableException("body could not be read as JSON: " + UndecodableException.describe(e), e);
    }
    if (root == null || !root.isObject()) {
      throw new UndecodableException("body must be a JSON object with a \"samples\" array");
    }
    JsonNode samples = root.get("samples");
    if (samples == null || !samples.isArray()) {
      throw new UndecodableException("body must have a \"samples\" array");
    }
    String[] common = commonPairs(root);
    long now = clock.millis();
    RejectionTally tally = new RejectionTally();
    List<Sample> out = new ArrayList<>(samples.size());
    for (int i = 0; i < samples.size(); i++) {
      String problem = sample(samples.get(i), common, now, out);
      if (problem != null) {
        tally.reject(problem.substring(0, problem.indexOf(' ')), 1,
            "samples[" + i + "]" + problem.substring(problem.indexOf(' ')));
      }
    }
    return new DecodedBatch(out, tally);
  }

  private static String[] commonPairs(JsonNode root) throws UndecodableException {
    List<String> pairs = new ArrayList<>();
    addText(root, "service", WellKnownLabels.SERVICE, pairs);
    addText(root, "instance", WellKnownLabels.INSTANCE, pairs);
    JsonNode labels = root.get("labels");
    if (labels != null) {
      if (!labels.isObject()) {
        throw new UndecodableException("\"labels\" must be an object of string values");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = labels.properties().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (!isLabelValue(e.getValue())) {
          throw new UndecodableException("\"labels\" has a " + e.getValue().getNodeType().toString()
              .toLowerCase(java.util.Locale.ROOT) + " for label '" + e.getKey() + "'; label values are strings");
        }
        pairs.add(e.getKey());
        pairs.add(e.getValue().asText());
      }
    }
    return pairs.toArray(new String[0]);
  }

  private static void addText(JsonNode root, String field, String label, List<String> pairs)
      throws UndecodableException {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return;
    }
    if (!n.isTextual()) {
      throw new UndecodableException("\"" + field + "\" must be a string");
    }
    pairs.add(label);
    pairs.add(n.asText());
  }

  /** Strings, numbers and booleans are label values (as their text); objects, arrays and null are not. */
  private static boolean isLabelValue(JsonNode v) {
    return v.isTextual() || v.isNumber() || v.isBoolean();
  }

  /** Adds the sample to {@code out}, or returns "reason detail" when it cannot be one. */
  private String sample(JsonNode s, String[] common, long now, List<Sample> out) {
    if (!s.isObject()) {
      return Reasons.UNSUPPORTED_POINT + " is not an object";
    }
    Labels.Builder b = Labels.builder();
    for (int i = 0; i < common.length; i += 2) {
      b.put(common[i], common[i + 1]);
    }
    if (b.duplicate() != null) {
      return Reasons.DUPLICATE_LABEL + " gets label '" + b.duplicate() + "' twice from the top-level fields and "
          + "labels; set it once";
    }
    JsonNode own = s.get("labels");
    if (own != null) {
      if (!own.isObject()) {
        return Reasons.UNSUPPORTED_POINT + " has \"labels\" that is not an object";
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = own.properties().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (!isLabelValue(e.getValue())) {
          return Reasons.INVALID_LABEL_VALUE + " has a " + e.getValue().getNodeType().toString()
              .toLowerCase(java.util.Locale.ROOT) + " for label '" + e.getKey() + "'; label values are strings "
              + "(numbers and booleans are taken as their text)";
        }
        b.set(e.getKey(), e.getValue().asText());
      }
    }
    Labels labels = b.build();
    String metric = s.path("metric").asText("");
    long ts;
    JsonNode t = s.get("timestamp");
    if (t == null || t.isNull()) {
      ts = now;
    } else if (t.isIntegralNumber()) {
      ts = t.asLong();
    } else if (t.isTextual()) {
      try {
        ts = OffsetDateTime.parse(t.asText()).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        return Reasons.UNSUPPORTED_POINT + " has timestamp \"" + t.asText() + "\", which is not RFC 3339 "
            + "(2026-11-27T12:00:00Z); or send epoch milliseconds";
      }
    } else {
      return Reasons.UNSUPPORTED_POINT + " has a timestamp that is neither an RFC 3339 string nor epoch millis";
    }
    String type = s.path("type").asText("");
    switch (type) {
      case "counter", "delta_counter", "gauge" -> {
        JsonNode v = s.get("value");
        if (v == null || !v.isNumber()) {
          return Reasons.UNSUPPORTED_POINT + " (" + type + ") needs a numeric \"value\"";
        }
        double value = v.asDouble();
        out.add(switch (type) {
          case "counter" -> Sample.counter(metric, labels, ts, value);
          case "delta_counter" -> Sample.deltaCounter(metric, labels, ts, value);
          default -> Sample.gauge(metric, labels, ts, value);
        });
        return null;
      }
      case "histogram" -> {
        return histogram(s, metric, labels, ts, out);
      }
      default -> {
        return Reasons.UNSUPPORTED_POINT + " has type \"" + type + "\"; use counter, delta_counter, gauge or histogram";
      }
    }
  }

  private static String histogram(JsonNode s, String metric, Labels labels, long ts, List<Sample> out) {
    JsonNode values = s.get("values");
    JsonNode buckets = s.get("buckets");
    if (values != null && values.isArray() && buckets == null) {
      double[] v = new double[values.size()];
      for (int i = 0; i < v.length; i++) {
        if (!values.get(i).isNumber()) {
          return Reasons.UNSUPPORTED_POINT + " has a non-numeric entry in \"values\"";
        }
        v[i] = values.get(i).asDouble();
      }
      out.add(Sample.histogram(metric, labels, ts, Temporality.DELTA, fromValues(v)));
      return null;
    }
    if (buckets == null || !buckets.isObject() || values != null) {
      return Reasons.INVALID_BUCKETS + " (histogram) needs either \"buckets\" {\"<le>\": cumulative count} or "
          + "\"values\" [observations]";
    }
    if (CumulativeBuckets.outOfRange(buckets, s.get("count"))) {
      return Reasons.COUNT_OUT_OF_RANGE + " has a count or bucket above 2^53 = " + SampleValidator.MAX_COUNT
          + "; send per-interval (\"temporality\": \"delta\") counts or restart the counter";
    }
    Buckets b = CumulativeBuckets.parse(buckets, s.get("count"), s.get("sum"));
    if (b == null) {
      return Reasons.INVALID_BUCKETS + " has buckets that are not cumulative counts by numeric le (\"+Inf\" "
          + "allowed), or no \"count\" and no \"+Inf\" bucket";
    }
    Temporality t = "delta".equals(s.path("temporality").asText()) ? Temporality.DELTA : Temporality.CUMULATIVE;
    out.add(Sample.histogram(metric, labels, ts, t, b));
    return null;
  }

  /** Raw observations as buckets bounded by the distinct values themselves: exact, no overflow. */
  static Buckets fromValues(double[] v) {
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    double sum = 0;
    int distinct = 0;
    for (int i = 0; i < sorted.length; i++) {
      sum += sorted[i];
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        distinct++;
      }
    }
    double[] bounds = new double[distinct];
    long[] counts = new long[distinct + 1];
    int j = -1;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        bounds[++j] = sorted[i];
      }
      counts[j]++;
    }
    return new Buckets(bounds, counts, sorted.length, sum);
  }
}
