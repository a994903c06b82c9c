/**
 * The data model every protocol decodes into: {@link io.glasshouse.rollup.sample.Sample}s with sorted
 * {@link io.glasshouse.rollup.sample.Labels}, a {@link io.glasshouse.rollup.sample.MetricKind} and, for
 * distributions, {@link io.glasshouse.rollup.sample.Buckets}. Everything here is immutable.
 */
package io.glasshouse.rollup.sample;
