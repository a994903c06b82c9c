package io.glasshouse.collector;

import io.glasshouse.collector.validate.ShapeLimits;
import io.glasshouse.collector.validate.ValidationLimits;
import io.glasshouse.rollup.config.ConfigValues;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/**
 * Configuration of the collector, in the style of Micrometer's {@code PushRegistryConfig}: every setting is a
 * default method reading a raw value through {@link #get(String)} and falling back to its default.
 *
 * <p>Keys are kebab-case below the {@code collector} section of the server's YAML file, e.g.
 * {@code collector.max-body-bytes}. Sizes are byte counts or strings such as {@code 16MiB}, {@code 512KiB},
 * {@code 10MB}; durations are strings such as {@code 90s}, {@code 5m}, {@code 1h}, {@code PT1H} or a number of
 * seconds. Implementations must be immutable; {@link #fromJson} copies its input.
 * {@link #validate()} throws {@link IllegalArgumentException} naming the first bad key and what it allows.
 */
public interface CollectorConfig {
  /** All defaults. */
  CollectorConfig DEFAULT = key -> null;

  /** The section name; keys in messages are {@code prefix() + "." + key}. */
  default String prefix() {
    return "collector";
  }

  /** The raw value for a key such as {@code max-body-bytes} (without prefix), or null for the default. */
  Object get(String key);

  /** Largest request body as sent (compressed), checked from Content-Length and while reading. 16 MiB. */
  default long maxBodyBytes() {
    return ConfigValues.size(get("max-body-bytes"), prefix() + ".max-body-bytes", 16L << 20);
  }

  /** Largest body after gzip/snappy decompression (decompression-bomb guard). 64 MiB. */
  default long maxDecompressedBytes() {
    return ConfigValues.size(get("max-decompressed-bytes"), prefix() + ".max-decompressed-bytes", 64L << 20);
  }

  /** Accepted {@code Authorization: Bearer} tokens; empty (the default) means ingest is open. */
  default Set<String> ingestTokens() {
    return ConfigValues.strings(get("ingest-tokens"));
  }

  /** Most labels per sample, {@code service} and {@code instance} included. 64. */
  default int maxLabelsPerSample() {
    return ConfigValues.integer(get("max-labels-per-sample"), prefix() + ".max-labels-per-sample", 64);
  }

  /** Longest label name in chars. 128. */
  default int maxLabelNameLength() {
    return ConfigValues.integer(get("max-label-name-length"), prefix() + ".max-label-name-length", 128);
  }

  /** Longest label value in chars. 1024. */
  default int maxLabelValueLength() {
    return ConfigValues.integer(get("max-label-value-length"), prefix() + ".max-label-value-length", 1024);
  }

  /** Samples older than now minus this are refused ({@code too_old}). 1 hour. */
  default Duration pastWindow() {
    return ConfigValues.duration(get("past-window"), prefix() + ".past-window", Duration.ofHours(1));
  }

  /** Samples later than now plus this are refused ({@code in_future}). 5 minutes. */
  default Duration futureWindow() {
    return ConfigValues.duration(get("future-window"), prefix() + ".future-window", Duration.ofMinutes(5));
  }

  /** Requests one router holds at once (reading, decoding or waiting for the engine); more get 503. 256. */
  default int maxInFlightRequests() {
    return ConfigValues.integer(get("max-in-flight-requests"), prefix() + ".max-in-flight-requests", 256);
  }

  /** Most samples (OTLP data points, remote write samples, JSON samples) in one request; more get 413. 100,000. */
  default int maxSamplesPerRequest() {
    return ConfigValues.integer(get("max-samples-per-request"), prefix() + ".max-samples-per-request", 100_000);
  }

  /** Most buckets in one histogram (one bucket array); more get 413. 2,048. */
  default int maxBucketsPerHistogram() {
    return ConfigValues.integer(get("max-buckets-per-histogram"), prefix() + ".max-buckets-per-histogram", 2_048);
  }

  /** Most histogram buckets over one whole request; more get 413. 1,000,000. */
  default int maxBucketsPerRequest() {
    return ConfigValues.integer(get("max-buckets-per-request"), prefix() + ".max-buckets-per-request", 1_000_000);
  }

  /**
   * Bodies larger than this (as received; compressed ones above a sixteenth of it) are decompressed, decoded
   * and validated on the {@code glasshouse-ingest-decode} worker pool instead of the event loop. 64 KiB.
   */
  default long decodeOnWorkerAboveBytes() {
    return ConfigValues.size(get("decode-on-worker-above-bytes"), prefix() + ".decode-on-worker-above-bytes", 64L << 10);
  }

  /** Threads of the {@code glasshouse-ingest-decode} worker pool (shared by all routers). 4. */
  default int decodeWorkers() {
    return ConfigValues.integer(get("decode-workers"), prefix() + ".decode-workers", 4);
  }

  /**
   * Samples one router may have handed to the engine and not yet seen committed; a batch that would pass it
   * gets 503 with {@code Retry-After} (and no new body is read while it is passed). A memory bound only: the
   * wait is bounded by {@link #maxQueueDelay()}. 250,000.
   */
  default long maxQueuedSamples() {
    return ConfigValues.size(get("max-queued-samples"), prefix() + ".max-queued-samples", 250_000);
  }

  /**
   * The longest an accepted batch should wait for the engine to commit it. A new batch gets 503 with
   * {@code Retry-After} when its wait, estimated from the samples queued ahead of it and the engine's recent
   * drain rate, would pass this, or when the oldest batch has already waited longer (then before its body is
   * read), so senders back off instead of timing out. 5 seconds.
   */
  default Duration maxQueueDelay() {
    return ConfigValues.duration(get("max-queue-delay"), prefix() + ".max-queue-delay", Duration.ofSeconds(5));
  }

  /** Time from admitting a request to having its whole body; slower senders get 408 and are disconnected. 30s. */
  default Duration requestBodyTimeout() {
    return ConfigValues.duration(get("request-body-timeout"), prefix() + ".request-body-timeout", Duration.ofSeconds(30));
  }

  /** A connection with nothing read or written for this long is closed (HTTP server idle timeout). 60s. */
  default Duration idleTimeout() {
    return ConfigValues.duration(get("idle-timeout"), prefix() + ".idle-timeout", Duration.ofSeconds(60));
  }

  /**
   * In-flight requests one ingest token may hold when two or more tokens are configured, so one sender (or
   * one stolen token) cannot take every slot. Half of {@code max-in-flight-requests} by default.
   */
  default int maxInFlightPerToken() {
    return ConfigValues.integer(get("max-in-flight-per-token"), prefix() + ".max-in-flight-per-token", Math.max(1, maxInFlightRequests() / 2));
  }

  /**
   * Most values a parse of one request would build (protobuf messages, fields and repeated elements; JSON
   * values); more get 413. 4,000,000: about 40 per sample at the default sample limit.
   */
  default int maxValuesPerRequest() {
    return ConfigValues.integer(get("max-values-per-request"), prefix() + ".max-values-per-request", 4_000_000);
  }

  /** Which decoder the remote-write 1.0 and OTLP protobuf endpoints use. */
  enum Decoder {
    /** Straight from the request buffer, strings interned, snappy and gzip into a reused buffer (the default). */
    FAST,
    /** Through protobuf's generated classes (the reference the fast decoder is tested against). */
    REFERENCE
  }

  /** The remote-write 1.0 and OTLP protobuf decoder: {@code fast} (default) or {@code reference}. */
  default Decoder decoder() {
    Object v = get("decoder");
    if (v == null) {
      return Decoder.FAST;
    }
    return switch (String.valueOf(v).trim().toLowerCase(java.util.Locale.ROOT)) {
      case "fast" -> Decoder.FAST;
      case "reference" -> Decoder.REFERENCE;
      default -> throw new IllegalArgumentException(prefix() + ".decoder must be fast or reference, not '" + v + "'");
    };
  }

  /** The expansion bounds checked before decoding. */
  default ShapeLimits shapeLimits() {
    return new ShapeLimits(maxSamplesPerRequest(), maxBucketsPerHistogram(), maxBucketsPerRequest(),
        maxValuesPerRequest());
  }

  /** The limits the sample validator enforces. */
  default ValidationLimits validationLimits() {
    return new ValidationLimits(maxLabelsPerSample(), maxLabelNameLength(), maxLabelValueLength(), pastWindow(),
        futureWindow());
  }

  /**
   * Checks every setting.
   *
   * @throws IllegalArgumentException naming the first bad key ({@code collector.max-body-bytes}) and what it
   *     allows
   */
  default void validate() {
    ConfigValues.positive(prefix() + ".max-body-bytes", maxBodyBytes());
    ConfigValues.positive(prefix() + ".max-decompressed-bytes", maxDecompressedBytes());
    ConfigValues.tokens(prefix() + ".ingest-tokens", ingestTokens());
    ConfigValues.positive(prefix() + ".max-labels-per-sample", maxLabelsPerSample());
    ConfigValues.positive(prefix() + ".max-label-name-length", maxLabelNameLength());
    ConfigValues.positive(prefix() + ".max-label-value-length", maxLabelValueLength());
    ConfigValues.positive(prefix() + ".past-window", pastWindow().toMillis());
    ConfigValues.positive(prefix() + ".future-window", futureWindow().toMillis());
    ConfigValues.positive(prefix() + ".max-in-flight-requests", maxInFlightRequests());
    ConfigValues.positive(prefix() + ".max-samples-per-request", maxSamplesPerRequest());
    ConfigValues.positive(prefix() + ".max-buckets-per-histogram", maxBucketsPerHistogram());
    ConfigValues.positive(prefix() + ".max-buckets-per-request", maxBucketsPerRequest());
    ConfigValues.positive(prefix() + ".max-values-per-request", maxValuesPerRequest());
    ConfigValues.positive(prefix() + ".decode-on-worker-above-bytes", decodeOnWorkerAboveBytes());
    ConfigValues.positive(prefix() + ".decode-workers", decodeWorkers());
    ConfigValues.positive(prefix() + ".max-queued-samples", maxQueuedSamples());
    ConfigValues.positive(prefix() + ".max-queue-delay", maxQueueDelay().toMillis());
    ConfigValues.positive(prefix() + ".request-body-timeout", requestBodyTimeout().toMillis());
    ConfigValues.positive(prefix() + ".idle-timeout", idleTimeout().toSeconds());
    ConfigValues.positive(prefix() + ".max-in-flight-per-token", maxInFlightPerToken());
    decoder();
  }

  /**
   * The collector section of the server configuration (YAML read into JSON), e.g.
   * {@code {"max-body-bytes": "8MiB", "ingest-tokens": ["s3cret"], "past-window": "2h"}}. The object is
   * copied; {@link #validate()} also refuses keys it does not know (typos).
   */
  static CollectorConfig fromJson(JsonObject section) {
    return new JsonCollectorConfig(section == null ? new JsonObject() : section.copy());
  }
}
