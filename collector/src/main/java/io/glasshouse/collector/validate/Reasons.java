package io.glasshouse.collector.validate;

/**
 * Stable, snake_case rejection reasons: the {@code reason} of a {@link io.glasshouse.rollup.ingest.Rejection}
 * and the {@code reason} tag of the rejected-samples counter. Adding a reason is fine; renaming one breaks
 * dashboards and alerts.
 */
public final class Reasons {
  /** No {@code service} label after protocol mapping. */
  public static final String MISSING_SERVICE = "missing_service";
  /** No metric name, or one outside {@code [a-zA-Z_:][a-zA-Z0-9_:]*}. */
  public static final String INVALID_METRIC_NAME = "invalid_metric_name";
  /** A label with an empty name. */
  public static final String EMPTY_LABEL_NAME = "empty_label_name";
  /** A label name outside {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
  public static final String INVALID_LABEL_NAME = "invalid_label_name";
  /** The same label name twice on one series. */
  public static final String DUPLICATE_LABEL = "duplicate_label";
  /** More labels than {@code collector.max-labels-per-sample}. */
  public static final String TOO_MANY_LABELS = "too_many_labels";
  /** A label name longer than {@code collector.max-label-name-length}. */
  public static final String LABEL_NAME_TOO_LONG = "label_name_too_long";
  /** A label value longer than {@code collector.max-label-value-length}. */
  public static final String LABEL_VALUE_TOO_LONG = "label_value_too_long";
  /** NaN or an infinity where a finite number is required. */
  public static final String NON_FINITE_VALUE = "non_finite_value";
  /** A delta counter that went down. */
  public static final String NEGATIVE_DELTA = "negative_delta";
  /** A cumulative counter below zero (counters start at zero and only go up). */
  public static final String NEGATIVE_COUNTER = "negative_counter";
  /** A histogram count or bucket count above {@link SampleValidator#MAX_COUNT} (2^53), or wrapped negative. */
  public static final String COUNT_OUT_OF_RANGE = "count_out_of_range";
  /** A cumulative counter or histogram without an {@code instance} label: its resets cannot be told apart. */
  public static final String MISSING_INSTANCE = "missing_instance";
  /** A label value that is not text: a lone UTF-16 surrogate, or (JSON) an object, array or null. */
  public static final String INVALID_LABEL_VALUE = "invalid_label_value";
  /** Histogram buckets that cannot be turned into a distribution (bounds, counts, cumulative order). */
  public static final String INVALID_BUCKETS = "invalid_buckets";
  /** A point without a value or with a data type the collector does not ingest. */
  public static final String UNSUPPORTED_POINT = "unsupported_point";
  /** Timestamp older than {@code collector.past-window}. */
  public static final String TOO_OLD = "too_old";
  /** Timestamp later than now plus {@code collector.future-window}. */
  public static final String IN_FUTURE = "in_future";
  /** Remote write 2.0: a label reference outside the request's symbol table, or an odd number of them. */
  public static final String INVALID_SYMBOL_REF = "invalid_symbol_ref";
  /** The rollup engine refused new series over a service's limit (OTLP partial success). */
  public static final String SERIES_LIMIT = "series_limit";

  /** Drop reason (not a rejection): a Prometheus staleness marker, meaning "this series ended". */
  public static final String STALE_MARKER = "stale_marker";
  /** Drop reason (not a rejection): a NaN that is not a staleness marker, e.g. a summary quantile without data. */
  public static final String NAN_VALUE = "nan_value";
  /** Drop reason (not a rejection): an OTLP point flagged "no recorded value". */
  public static final String NO_RECORDED_VALUE = "no_recorded_value";

  private Reasons() {
  }
}
