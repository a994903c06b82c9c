/**
 * Instances, without logging in to any: each instance's recent request rate, error ratio and latency
 * ({@link io.glasshouse.rollup.instances.InstanceRing}, fed by the rollup engine's writer), and outliers among
 * identical peers by median and MAD ({@link io.glasshouse.rollup.instances.InstanceEvaluation}), published as
 * immutable {@link io.glasshouse.rollup.instances.ServiceHealth} snapshots. Configured by
 * {@link io.glasshouse.rollup.instances.InstanceHealthConfig} ({@code rollup.instances}); which metrics are
 * requests, errors and latency: {@link io.glasshouse.rollup.instances.Signals}.
 */
package io.glasshouse.rollup.instances;
