package io.glasshouse.rollup.capacity;

import io.glasshouse.rollup.query.Aggregation;
import io.glasshouse.rollup.query.LabelMatcher;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One resource whose use is forecast against its capacity.
 *
 * <p>The demand is the range query {@code fn(metric{match})} of {@code service}, summed across the matched series
 * (the read API's semantics). With {@link Capacity.Kind#PER_INSTANCE} capacity the demand must be the service's
 * total (for example {@code fn: last} of a gauge every instance reports, which sums the series), since the
 * capacity is {@code amount × live instances}.
 *
 * @param name unique, URL-safe ({@code [A-Za-z0-9._-]+}); identifies the indicator in the API and reports
 * @param match the selector as written (empty when absent); {@code matchers} is its parsed form
 * @param targetUtilisation in (0, 1]: the share of capacity to stay under; instances needed and the target
 *     crossing are computed against it
 * @param unit for display only, e.g. {@code bytes}, {@code cores}, {@code connections}
 */
public record CapacityIndicator(String name, String service, String metric, Aggregation aggregation, String match,
    List<LabelMatcher> matchers, Capacity capacity, double targetUtilisation, Optional<String> unit) {

  public CapacityIndicator {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(aggregation, "aggregation");
    Objects.requireNonNull(capacity, "capacity");
    match = match == null ? "" : match;
    matchers = List.copyOf(matchers);
    unit = unit == null ? Optional.empty() : unit;
    if (!(targetUtilisation > 0 && targetUtilisation <= 1)) {
      throw new IllegalArgumentException("targetUtilisation must be in (0, 1], got " + targetUtilisation);
    }
  }

  /** The aggregation's name as configured ({@code avg}, {@code p99}, …). */
  public String fn() {
    return aggregation.name();
  }

  /**
   * A capacity: a fixed amount, or an amount per live instance of the indicator's service.
   *
   * @param amount positive, in the indicator's unit
   */
  public record Capacity(Kind kind, double amount) {
    /** How the amount scales. */
    public enum Kind {
      /** The capacity is {@code amount}. */
      ABSOLUTE("absolute"),
      /** The capacity is {@code amount × live instances}. */
      PER_INSTANCE("per-instance");

      private final String key;

      Kind(String key) {
        this.key = key;
      }

      /** The configuration key, also used in the API: {@code absolute} or {@code per-instance}. */
      public String key() {
        return key;
      }
    }

    public Capacity {
      Objects.requireNonNull(kind, "kind");
      if (!(amount > 0) || Double.isInfinite(amount)) {
        throw new IllegalArgumentException("capacity must be a positive number, got " + amount);
      }
    }

    public static Capacity absolute(double amount) {
      return new Capacity(Kind.ABSOLUTE, amount);
    }

    public static Capacity perInstance(double amount) {
      return new Capacity(Kind.PER_INSTANCE, amount);
    }

    /** The capacity with {@code liveInstances} live instances; NaN for per-instance capacity with none live. */
    public double total(int liveInstances) {
      if (kind == Kind.ABSOLUTE) {
        return amount;
      }
      return liveInstances > 0 ? amount * liveInstances : Double.NaN;
    }
  }
}
