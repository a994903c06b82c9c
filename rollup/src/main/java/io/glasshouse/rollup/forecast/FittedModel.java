package io.glasshouse.rollup.forecast;

/**
 * A model fitted to one history {@code y[0..n-1]} that can forecast from any origin inside it, so a rolling-origin
 * backtest needs one fit, not one per origin. Implementations are immutable after construction, except for
 * private memo caches that never change results.
 */
interface FittedModel {
  /** A short stable name, e.g. {@code hw-add-damped(day)}. */
  String name();

  /** The first origin index whose forecasts are meaningful. */
  int warmup();

  /** The forecast for index {@code origin + h} made with data up to and including {@code origin}; {@code h >= 1}. */
  double forecast(int origin, int h);
}
