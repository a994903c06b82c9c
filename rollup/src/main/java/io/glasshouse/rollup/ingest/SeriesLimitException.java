package io.glasshouse.rollup.ingest;

/** An atomic batch would push a service over its series limit; the batch changed nothing. */
public final class SeriesLimitException extends RuntimeException {
  private final String service;
  private final int limit;

  public SeriesLimitException(String service, int limit, String detail) {
    super(detail, null, false, false);
    this.service = service;
    this.limit = limit;
  }

  public String service() {
    return service;
  }

  public int limit() {
    return limit;
  }
}
