package io.glasshouse.rollup.query;

/**
 * A query that cannot be answered as asked, with a {@link #detail()} a person can act on.
 *
 * <p>{@link Reason#BAD_PARAMETER} names the offending request {@link #parameter()}; the other reasons name
 * what was not found. The HTTP layer maps bad parameters to 400 and unknown services or metrics to 404.
 */
public final class QueryException extends RuntimeException {
  /** Why the query failed. */
  public enum Reason {
    /** A parameter is missing, malformed or not applicable; {@link #parameter()} names it. */
    BAD_PARAMETER,
    /** The service has never been seen. */
    UNKNOWN_SERVICE,
    /** The service exists but has no such metric. */
    UNKNOWN_METRIC,
    /**
     * The query would read or return more than {@link QueryLimits} allow; {@link #needed()} and {@link #limit()}
     * say by how much, {@link #parameter()} names what to narrow first.
     */
    TOO_LARGE
  }

  private final Reason reason;
  private final String parameter;
  private final long needed;
  private final long limit;

  private QueryException(Reason reason, String parameter, String detail) {
    this(reason, parameter, detail, 0, 0);
  }

  private QueryException(Reason reason, String parameter, String detail, long needed, long limit) {
    super(detail, null, false, false);
    this.reason = reason;
    this.parameter = parameter;
    this.needed = needed;
    this.limit = limit;
  }

  /** A query over a {@link QueryLimits} limit: it needs {@code needed} where {@code limit} are allowed. */
  public static QueryException tooLarge(String parameter, String detail, long needed, long limit) {
    return new QueryException(Reason.TOO_LARGE, parameter, detail, needed, limit);
  }

  /** For {@link Reason#TOO_LARGE}: how many cells or points the query needs; 0 otherwise. */
  public long needed() {
    return needed;
  }

  /** For {@link Reason#TOO_LARGE}: the limit it is over; 0 otherwise. */
  public long limit() {
    return limit;
  }

  /** A bad request parameter; {@code detail} should say what to change. */
  public static QueryException badParameter(String parameter, String detail) {
    return new QueryException(Reason.BAD_PARAMETER, parameter, detail);
  }

  public static QueryException unknownService(String service) {
    return new QueryException(Reason.UNKNOWN_SERVICE, "service",
        "No service named '" + service + "' has reported; GET /api/v1/services lists the known ones.");
  }

  public static QueryException unknownMetric(String service, String metric) {
    return new QueryException(Reason.UNKNOWN_METRIC, "metric", "Service '" + service + "' has no metric named '"
        + metric + "'; GET /api/v1/services/" + service + "/metrics lists its metrics.");
  }

  public Reason reason() {
    return reason;
  }

  /** The request parameter (or path element) at fault. */
  public String parameter() {
    return parameter;
  }

  public String detail() {
    return getMessage();
  }
}
