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
 * ({@code executeBlocking}). Candidate models (naive, seasonal naive by day and week, seasonal mean and drift,
 * their median, linear trend, Holt-Winters with damped trend fitted by BOBYQA, and an MSTL-style decomposition by
 * day and week whose deseasonalised rest is carried by SES, Theta or a season-ahead SES) are compared by a
 * rolling-origin backtest on the series' own history (decompositions refitted at a few anchors, so no backtest
 * forecast sees the future); {@code Blend} weighs them per horizon continuously from their backtest errors, and
 * the intervals are horizon-specific conformal quantiles of the blend's own backtest errors.
 */
package io.glasshouse.rollup.forecast;
