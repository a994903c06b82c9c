package io.glasshouse.collector.validate;

/**
 * A request body would expand past a {@link ShapeLimits} bound (samples per request, buckets per histogram or
 * per request): answered 413 before anything is decoded into objects. The message names the limit and its
 * configuration key, for a person.
 */
public final class RequestTooLargeException extends Exception {
  public RequestTooLargeException(String message) {
    super(message, null, false, false);
  }
}
