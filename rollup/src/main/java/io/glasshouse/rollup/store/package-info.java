/**
 * The storage interface ({@link io.glasshouse.rollup.store.RollupStore}) and the rows it keeps: rollup cells at
 * three resolutions (minute, hour, day), series, the instance registry and per-instance counter state, written in
 * checkpoints.
 *
 * <h2>Downsampling happens at checkpoint time</h2>
 * Every checkpoint merges each minute cell it writes into that minute's hour cell and day cell, in the same
 * transaction as the minute ({@link io.glasshouse.rollup.store.Downsampler} rolls the checkpoint's minutes up in
 * memory first, so each hour and day is merged once per checkpoint). Why not a separate maintenance pass with its
 * own watermark:
 * <ul>
 *   <li><b>Crash safety and idempotence come for free.</b> Checkpoints are already all-or-nothing and
 *       conditional on the generation; hour and day cells ride in the same transaction, so a crash mid-checkpoint
 *       leaves minutes, hours and days all as they were, and a retried checkpoint merges neither twice. A separate
 *       pass would need its own watermark moved atomically with its merges, and its own recovery.</li>
 *   <li><b>Late samples need nothing special.</b> A sample that lands in a minute already downsampled is simply
 *       part of the next checkpoint's delta for that minute, and that delta is merged into the hour and day like
 *       any other. A watermark pass would have to find and re-merge such minutes.</li>
 *   <li><b>Reads stay consistent with the same rule.</b> Readers add in-memory minutes to stored cells by
 *       checkpoint generation; because hours and days move with the minutes, the same rule holds for every
 *       resolution: in-memory minutes are rolled up and added to stored hours and days exactly when they would
 *       be added to stored minutes.</li>
 *   <li><b>Cost</b> is two more merges per series touched by a checkpoint (one for its hour, one for its day),
 *       bounded by the series count, not by the minutes; see BENCHMARKS.md.</li>
 * </ul>
 * Counter increases and gauge sums add in floating point: exact for whole numbers below 2^53 (event counts), and
 * otherwise equal to the minute answer up to the order of additions. Min, max, count, {@code last} and histograms
 * (bucket counts) are exact always.
 *
 * <p>Retention is per resolution (the engine purges each table in small batches, see
 * {@link io.glasshouse.rollup.store.RollupStore#deleteCellsBefore(io.glasshouse.rollup.series.Resolution, long,
 * int)}), and retiring a series deletes its cells at every resolution.
 */
package io.glasshouse.rollup.store;
