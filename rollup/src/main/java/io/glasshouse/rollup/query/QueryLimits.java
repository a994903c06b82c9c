package io.glasshouse.rollup.query;

import io.glasshouse.rollup.config.ConfigValues;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * How much one read-API query may read and return, so one request cannot take the server's memory or time.
 * Checked before any cell is read, from the series the query selects:
 * <ul>
 *   <li>{@code maxCells}: selected series × minutes in the query's step windows, an upper bound of the minute
 *       cells it reads ({@code rollup.query-max-cells}, default {@value #DEFAULT_MAX_CELLS});</li>
 *   <li>{@code maxPoints}: groups × step windows, an upper bound of the points it returns, where the groups are
 *       the distinct values of the {@code by} labels among the selected series, or one group without {@code by}
 *       ({@code rollup.query-max-points}, default {@value #DEFAULT_MAX_POINTS}).</li>
 * </ul>
 * A query over either limit fails with {@link QueryException.Reason#TOO_LARGE}: a 400 saying by how much and what
 * to narrow.
 */
public record QueryLimits(long maxCells, long maxPoints) {
  public static final long DEFAULT_MAX_CELLS = 2_000_000;
  public static final long DEFAULT_MAX_POINTS = 100_000;
  /** Keys read from the {@code rollup} section of the configuration. */
  public static final Set<String> KEYS = Set.of("query-max-cells", "query-max-points");
  /** No limits: for internal readers (capacity planning, tools) that size their own queries. */
  public static final QueryLimits NONE = new QueryLimits(Long.MAX_VALUE, Long.MAX_VALUE);

  public QueryLimits {
    if (maxCells < 1) {
      throw new IllegalArgumentException("rollup.query-max-cells must be at least 1, got " + maxCells);
    }
    if (maxPoints < 1) {
      throw new IllegalArgumentException("rollup.query-max-points must be at least 1, got " + maxPoints);
    }
  }

  public static QueryLimits defaults() {
    return new QueryLimits(DEFAULT_MAX_CELLS, DEFAULT_MAX_POINTS);
  }

  /** Reads {@code query-max-cells} and {@code query-max-points} from the {@code rollup} section (may be null). */
  public static QueryLimits fromJson(JsonObject rollup) {
    if (rollup == null) {
      return defaults();
    }
    return new QueryLimits(
        ConfigValues.integer(rollup, "rollup.query-max-cells", "query-max-cells", (int) DEFAULT_MAX_CELLS),
        ConfigValues.integer(rollup, "rollup.query-max-points", "query-max-points", (int) DEFAULT_MAX_POINTS));
  }
}
