/**
 * Command-line harnesses that measure the forecast package on folders of {@code timestamp,value} CSV files:
 * {@link io.glasshouse.rollup.forecast.eval.ForecastEvalCommand} (rolling-origin accuracy against baselines, interval
 * coverage) and {@link io.glasshouse.rollup.forecast.eval.AnomalyEvalCommand} (NAB-style window precision, recall
 * and lead time). Both are picocli commands (see {@link io.glasshouse.rollup.cli}), subcommands of the
 * server's jar, with a {@code run(args, out)} entry returning the exit code for tests.
 */
package io.glasshouse.rollup.forecast.eval;
