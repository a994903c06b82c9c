/**
 * The rollup engine: per-instance cumulative-to-delta conversion, per-service minute rollups, the instance
 * registry, group commit through the journal and checkpoints to the store. Entry point:
 * {@link io.glasshouse.rollup.engine.RollupEngine}.
 */
package io.glasshouse.rollup.engine;
