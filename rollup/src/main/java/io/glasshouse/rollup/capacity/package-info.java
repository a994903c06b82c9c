/**
 * Capacity indicators and their scheduled forecasts.
 *
 * <p>A {@link io.glasshouse.rollup.capacity.CapacityIndicator} names one rollup (service, metric, aggregation,
 * selector), its capacity (absolute, or per instance times the live instance count) and a target utilisation;
 * {@link io.glasshouse.rollup.capacity.CapacityConfig} reads them from the {@code capacity:} section of the
 * configuration and rejects a bad definition naming its key. {@link io.glasshouse.rollup.capacity.CapacityPlanner}
 * reads each indicator's history through {@link io.glasshouse.rollup.query.QueryService}, forecasts it with
 * {@link io.glasshouse.rollup.forecast.Forecaster} off the event loop on a schedule, and serves the last result as
 * immutable {@link io.glasshouse.rollup.capacity.CapacitySnapshot}s: never computed on a request. Time comes only
 * from the injected {@link java.time.Clock}.
 */
package io.glasshouse.rollup.capacity;
