package io.glasshouse.collector.validate;

/**
 * What one request may expand to once decoded, checked by counting the elements of the (decompressed) body
 * before any object is built for them: a few bytes of protobuf or JSON can otherwise become millions of
 * objects (an exponential histogram with 67 million empty buckets is 64 MiB of zero bytes, 4 GB once parsed).
 *
 * @param maxSamplesPerRequest most data points (OTLP; summary quantiles included), samples (remote write) or
 *     {@code samples} entries (JSON) in one request
 * @param maxBucketsPerHistogram most buckets in one histogram's bucket array (OTLP {@code bucket_counts},
 *     {@code explicit_bounds}, each exponential range; JSON {@code buckets} and {@code values})
 * @param maxBucketsPerRequest most buckets over all histograms of one request
 * @param maxValuesPerRequest most values a parse of the request would build: protobuf messages, fields and
 *     repeated elements, unknown fields included; JSON values, containers included. Bounds what no sample
 *     limit sees, such as millions of empty series or attributes.
 */
public record ShapeLimits(int maxSamplesPerRequest, int maxBucketsPerHistogram, int maxBucketsPerRequest,
    int maxValuesPerRequest) {
  /** The defaults documented in the collector README. */
  public static final ShapeLimits DEFAULTS = new ShapeLimits(100_000, 2_048, 1_000_000, 4_000_000);

  /** A fresh budget for one request. */
  public Budget budget() {
    return new Budget(this);
  }

  /** Counts one request's elements against the limits; not thread-safe (one per request). */
  public static final class Budget {
    private final ShapeLimits limits;
    private long samples;
    private long buckets;
    private long values;

    private Budget(ShapeLimits limits) {
      this.limits = limits;
    }

    /** Counts {@code n} more samples. */
    public void samples(long n) throws RequestTooLargeException {
      samples += n;
      if (samples > limits.maxSamplesPerRequest) {
        throw new RequestTooLargeException("the request holds more than " + limits.maxSamplesPerRequest
            + " samples (collector.max-samples-per-request); send smaller batches");
      }
    }

    /** Counts one histogram bucket array of {@code n} buckets. */
    public void histogram(long n) throws RequestTooLargeException {
      if (n > limits.maxBucketsPerHistogram) {
        throw new RequestTooLargeException("a histogram in the request has more than "
            + limits.maxBucketsPerHistogram + " buckets (collector.max-buckets-per-histogram); use fewer buckets (OTLP "
            + "exponential histograms: a smaller max_size or scale)");
      }
      buckets += n;
      if (buckets > limits.maxBucketsPerRequest) {
        throw new RequestTooLargeException("the request's histograms hold more than " + limits.maxBucketsPerRequest
            + " buckets in all (collector.max-buckets-per-request); send smaller batches");
      }
    }

    /** Counts {@code n} more values a parse would build. */
    public void values(long n) throws RequestTooLargeException {
      values += n;
      if (values > limits.maxValuesPerRequest) {
        throw new RequestTooLargeException("the request would decode into more than " + limits.maxValuesPerRequest
            + " values (collector.max-values-per-request: messages, fields, labels and array elements); send "
            + "smaller batches");
      }
    }

    /** The limits this budget counts against. */
    public ShapeLimits limits() {
      return limits;
    }

    /** The per-histogram limit, for counters that stop early. */
    public int maxBucketsPerHistogram() {
      return limits.maxBucketsPerHistogram;
    }

    public long samples() {
      return samples;
    }

    public long buckets() {
      return buckets;
    }
  }
}
