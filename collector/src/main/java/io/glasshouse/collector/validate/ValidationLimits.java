package io.glasshouse.collector.validate;

import java.time.Duration;

/**
 * The limits {@link SampleValidator} enforces, resolved from {@code CollectorConfig}.
 *
 * @param maxLabelsPerSample most labels a sample may carry, {@code service} and {@code instance} included
 * @param maxLabelNameLength longest label name, in chars
 * @param maxLabelValueLength longest label value, in chars
 * @param pastWindow samples older than now minus this are {@code too_old}
 * @param futureWindow samples later than now plus this are {@code in_future}
 */
public record ValidationLimits(
    int maxLabelsPerSample,
    int maxLabelNameLength,
    int maxLabelValueLength,
    Duration pastWindow,
    Duration futureWindow) {

  /** The defaults documented in the collector README. */
  public static final ValidationLimits DEFAULTS =
      new ValidationLimits(64, 128, 1024, Duration.ofHours(1), Duration.ofMinutes(5));
}
