package io.glasshouse.collector.remotewrite;

/**
 * Decides what one Prometheus series is from its name, its {@code le}/{@code quantile} labels and what
 * {@link MetricFamilies} knows, in this order:
 * <ol>
 *   <li>a family of the series' own name with a type from metadata (e.g. a gauge named {@code temperature_sum});</li>
 *   <li>the family without the suffix {@code _bucket} (with {@code le}), {@code _count}, {@code _sum} or
 *       {@code _total}: a histogram's {@code _bucket}, {@code _count} and {@code _sum} are
 *       {@link Kind#HISTOGRAM_PART}s, a summary's {@code _count}/{@code _sum} counters, its quantiles gauges;</li>
 *   <li>unknown families: {@code _bucket} with {@code le} is a histogram part (and makes the family a histogram),
 *       {@code _count}/{@code _sum} are counters until the family is known to be a histogram, {@code _total} is a
 *       counter, anything else a gauge.</li>
 * </ol>
 * Untyped families (metadata {@code unknown}) ending in {@code _total} are counters.
 */
public final class SeriesClassifier {
  /** What a series becomes. */
  public enum Kind { COUNTER, GAUGE, HISTOGRAM_PART }

  private SeriesClassifier() {
  }

  /** The family a classic histogram or summary series belongs to (its name without the part suffix), or null. */
  static String partFamily(String name, boolean hasLe) {
    if (hasLe && name.endsWith("_bucket")) {
      return name.substring(0, name.length() - 7);
    }
    if (name.endsWith("_count")) {
      return name.substring(0, name.length() - 6);
    }
    if (name.endsWith("_sum")) {
      return name.substring(0, name.length() - 4);
    }
    return null;
  }

  /** Learns the shape of the family of one series before the request's series are classified. */
  public static void learn(String name, boolean hasLe, boolean hasQuantile, MetricFamilies families) {
    if (hasLe && name.endsWith("_bucket")) {
      families.shape(name.substring(0, name.length() - 7), MetricFamilies.Type.HISTOGRAM);
    } else if (hasQuantile && partFamily(name, false) == null) {
      families.shape(name, MetricFamilies.Type.SUMMARY);
    }
  }

  public static Kind classify(String name, boolean hasLe, MetricFamilies families) {
    MetricFamilies.Type own = families.type(name);
    if (own != null && own != MetricFamilies.Type.HISTOGRAM && own != MetricFamilies.Type.SUMMARY) {
      return byType(own, name);
    }
    String family = partFamily(name, hasLe);
    if (family != null) {
      MetricFamilies.Type t = families.type(family);
      if (t == MetricFamilies.Type.HISTOGRAM) {
        return Kind.HISTOGRAM_PART;
      }
      if (t != null && t != MetricFamilies.Type.SUMMARY) {
        return byType(t, name);
      }
      return Kind.COUNTER; // summary parts, and _count/_sum of a family not known to be a histogram
    }
    if (name.endsWith("_total")) {
      MetricFamilies.Type t = families.type(name.substring(0, name.length() - 6));
      return t == null || t == MetricFamilies.Type.COUNTER ? Kind.COUNTER : byType(t, name);
    }
    return Kind.GAUGE;
  }

  private static Kind byType(MetricFamilies.Type t, String name) {
    return switch (t) {
      case COUNTER -> Kind.COUNTER;
      case UNTYPED -> name.endsWith("_total") ? Kind.COUNTER : Kind.GAUGE;
      default -> Kind.GAUGE;
    };
  }
}
