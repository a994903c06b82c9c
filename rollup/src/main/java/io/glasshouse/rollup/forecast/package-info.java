/**
 * Forecasts for capacity planning and anomaly scores from forecast residuals.
 *
 * <p>Entry points: {@link io.glasshouse.rollup.forecast.Forecaster#forecast} turns a regular-step
 * {@link io.glasshouse.rollup.forecast.Series} into an immutable {@link io.glasshouse.rollup.forecast.Forecast}
 * (point forecasts, calibrated 80%/95% intervals, a chartable path, time to exhaustion, instances needed);
 * {@link io.glasshouse.rollup.forecast.SeriesRegulariser} puts irregular points on a step;
 * {@link io.glasshouse.rollup.forecast.AnomalyDetector} scores each point of a series against a causal forecast;
 * {@link io.glasshouse.rollup.forecast.Baselines} are the simple forecasts every model is judged against.
 *
 * <p>Everything here is pure, synchronous and thread-safe: no Vert.x, no wall clock (time comes from the series),
 * no shared mutable state. Fitting is CPU work, so callers on an event loop hand it to a worker
 * ({@code executeBlocking}). Candidate models (naive, seasonal naive by day and week, linear trend, seasonal mean,
 * Holt-Winters additive and multiplicative with damped trend, fitted by BOBYQA) are compared by rolling-origin
 * backtests on the series' own history; the best model or combination is chosen per horizon and the intervals
 * are the empirical quantiles of its backtest errors.
 */
package io.glasshouse.rollup.forecast;
