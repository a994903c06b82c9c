package io.glasshouse.collector.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.glasshouse.collector.validate.SampleValidator;
import io.glasshouse.rollup.sample.Buckets;
import java.util.Map;
import java.util.TreeMap;

/** Prometheus-style cumulative {@code le} counts as {@link Buckets}. */
final class CumulativeBuckets {
  private CumulativeBuckets() {
  }

  /** The buckets, or null when a key is not a number, a count decreases, or the total is unknown. */
  static Buckets parse(JsonNode buckets, JsonNode countNode, JsonNode sumNode) {
    TreeMap<Double, Double> byLe = new TreeMap<>();
    for (var it = buckets.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      double le = le(e.getKey());
      if (Double.isNaN(le) || !e.getValue().isNumber() || byLe.put(le, e.getValue().asDouble()) != null) {
        return null;
      }
    }
    Double inf = byLe.remove(Double.POSITIVE_INFINITY);
    double count;
    if (countNode != null && countNode.isNumber()) {
      count = countNode.asDouble();
    } else if (inf != null) {
      count = inf;
    } else {
      return null;
    }
    double[] bounds = new double[byLe.size()];
    long[] counts = new long[byLe.size() + 1];
    double previous = 0;
    int i = 0;
    for (Map.Entry<Double, Double> e : byLe.entrySet()) {
      double c = e.getValue();
      if (c < previous) {
        return null;
      }
      bounds[i] = e.getKey();
      counts[i++] = Math.round(c - previous);
      previous = c;
    }
    if (count < previous) {
      return null;
    }
    counts[i] = Math.round(count - previous);
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    double sum = sumNode != null && sumNode.isNumber() ? sumNode.asDouble() : 0;
    return new Buckets(bounds, counts, total, sum);
  }

  /** Whether {@code count} or a bucket value is above {@link SampleValidator#MAX_COUNT}. */
  static boolean outOfRange(JsonNode buckets, JsonNode countNode) {
    if (countNode != null && countNode.isNumber() && countNode.asDouble() > SampleValidator.MAX_COUNT) {
      return true;
    }
    for (var it = buckets.elements(); it.hasNext(); ) {
      JsonNode v = it.next();
      if (v.isNumber() && v.asDouble() > SampleValidator.MAX_COUNT) {
        return true;
      }
    }
    return false;
  }

  private static double le(String key) {
    if (key.equals("+Inf") || key.equals("Inf") || key.equals("inf")) {
      return Double.POSITIVE_INFINITY;
    }
    try {
      double d = Double.parseDouble(key);
      return Double.isFinite(d) ? d : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
