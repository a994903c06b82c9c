/**
 * Range queries over rollup series: parsing selectors and times, and evaluating step-aligned aggregations.
 *
 * <p>Entry points: {@link io.glasshouse.rollup.query.QueryService} answers {@link
 * io.glasshouse.rollup.query.RangeQuery}s against a {@link io.glasshouse.rollup.series.RollupReader};
 * {@link io.glasshouse.rollup.query.RangeEvaluator} is the pure function that turns
 * {@link io.glasshouse.rollup.series.SeriesCells} into a {@link io.glasshouse.rollup.query.QueryResult};
 * {@link io.glasshouse.rollup.query.SelectorParser} and {@link io.glasshouse.rollup.query.TimeSyntax} read the
 * textual forms. Every failure a caller can fix is a {@link io.glasshouse.rollup.query.QueryException} naming
 * the parameter to change.
 *
 * <p>Window semantics: points sit at the <em>end</em> of each step window and a point at {@code t} covers the
 * minutes in {@code [t - step, t)}, as in Prometheus range queries; see {@link
 * io.glasshouse.rollup.query.StepWindows}.
 */
package io.glasshouse.rollup.query;
