/**
 * The storage interface ({@link io.glasshouse.rollup.store.RollupStore}) and the rows it keeps: rollup cells,
 * series, the instance registry and per-instance counter state, written in checkpoints.
 */
package io.glasshouse.rollup.store;
