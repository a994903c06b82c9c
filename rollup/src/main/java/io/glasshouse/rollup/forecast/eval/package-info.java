/**
 * Command-line harnesses that measure the forecast package on folders of {@code timestamp,value} CSV files:
 * {@link io.glasshouse.rollup.forecast.eval.ForecastEvalCommand} (rolling-origin accuracy against baselines, interval
 * coverage) and {@link io.glasshouse.rollup.forecast.eval.AnomalyEvalCommand} (NAB-style window precision, recall
 * and lead time). Both are plain {@code run(args, out)} functions returning an exit code, for the server's
 * subcommands and for tests.
 */
package io.glasshouse.rollup.forecast.eval;
