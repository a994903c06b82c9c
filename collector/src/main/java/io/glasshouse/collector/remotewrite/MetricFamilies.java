package io.glasshouse.collector.remotewrite;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Glasshouse knows about Prometheus metric families across requests: the type from metadata, and otherwise
 * the shape seen in series (a {@code _bucket} series with {@code le} makes the family a histogram, a series with
 * {@code quantile} a summary).
 *
 * <p>Prometheus 2.x sends metadata in requests of its own, apart from the samples, so it is remembered here and
 * applies to every later request. Metadata carries no labels (no job), so it is kept per family name for all
 * services; a type from metadata wins over a shape and over name suffixes. Shared by every event loop
 * (thread-safe); bounded to {@value #MAX_FAMILIES} families, after which new families are no longer remembered
 * (the suffix rules apply to them).
 */
public final class MetricFamilies {
  /** The most families remembered. */
  public static final int MAX_FAMILIES = 100_000;

  /** What a family is. */
  public enum Type {
    COUNTER, GAUGE, HISTOGRAM, SUMMARY,
    /** Metadata says unknown, info or stateset: counter when the name ends in {@code _total}, else gauge. */
    UNTYPED
  }

  private record Known(Type type, boolean fromMetadata) {
  }

  private final Map<String, Known> families = new ConcurrentHashMap<>();

  /** Remembers a type sent as metadata; it replaces any shape seen before. */
  public void metadata(String family, Type type) {
    put(family, new Known(type, true));
  }

  /** Remembers a shape seen in series, unless metadata has spoken for the family. */
  void shape(String family, Type type) {
    Known k = families.get(family);
    if (k == null || (!k.fromMetadata() && k.type() != type)) {
      put(family, new Known(type, false));
    }
  }

  private void put(String family, Known k) {
    if (families.size() < MAX_FAMILIES || families.containsKey(family)) {
      families.put(family, k);
    }
  }

  /** The family's type, or null when nothing is known. */
  public Type type(String family) {
    Known k = families.get(family);
    return k == null ? null : k.type();
  }

  /** Number of families remembered. */
  public int size() {
    return families.size();
  }
}
