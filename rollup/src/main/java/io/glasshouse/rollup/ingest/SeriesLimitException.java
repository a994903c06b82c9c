package io.glasshouse.rollup.ingest;

import java.util.List;

/**
 * An atomic batch would push the engine over a cardinality limit; the batch changed nothing. {@link #reason()}
 * names the limit: {@code series_limit} (rollup series of a service, {@code rollup.max-series-per-service}),
 * {@code instance_limit} ({@code rollup.max-instances-per-service}), {@code service_limit}
 * ({@code rollup.max-services}) or {@code total_series_limit} ({@code rollup.max-total-series}). The detail
 * names the key to raise. Waiting does not clear it, unless series or instances age out of their retention.
 */
public final class SeriesLimitException extends BatchRefusedException {
  /** Reason of a service over {@code rollup.max-series-per-service}. */
  public static final String SERIES_LIMIT = "series_limit";
  /** Reason of a service over {@code rollup.max-instances-per-service}. */
  public static final String INSTANCE_LIMIT = "instance_limit";
  /** Reason of more services than {@code rollup.max-services}. */
  public static final String SERVICE_LIMIT = "service_limit";
  /** Reason of more rollup and instance series than {@code rollup.max-total-series}. */
  public static final String TOTAL_SERIES_LIMIT = "total_series_limit";

  private final String reason;
  private final String service;
  private final int limit;

  /** A service over its rollup-series limit ({@code series_limit}). */
  public SeriesLimitException(String service, int limit, String detail) {
    this(SERIES_LIMIT, service, limit, 1, detail);
  }

  /**
   * @param reason one of the reasons above
   * @param service the service whose sample hit the limit
   * @param limit the configured limit
   * @param samples samples of the batch refused for this reason
   */
  public SeriesLimitException(String reason, String service, int limit, int samples, String detail) {
    super(detail, List.of(new Rejection(reason, samples, detail)));
    this.reason = reason;
    this.service = service;
    this.limit = limit;
  }

  public String reason() {
    return reason;
  }

  public String service() {
    return service;
  }

  public int limit() {
    return limit;
  }
}
