package io.glasshouse.rollup.sample;

/** How a counter or histogram value relates to earlier ones from the same instance, as in OTLP. */
public enum Temporality {
  /** Total since {@link Sample#startTimeMs()} (or since the instance started): the rollup takes differences. */
  CUMULATIVE,
  /** Increase since the previous report: the rollup adds it as is. */
  DELTA
}
