package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.instances.ServiceHealth;

import io.glasshouse.rollup.store.CellRow;
import java.util.List;
import java.util.Map;

/**
 * Everything a read needs from the engine's memory, immutable, published by the writer thread so that readers
 * never wait for it (or make it wait). Readers share one snapshot until the writer publishes the next.
 *
 * <p>Freshness: the writer publishes after every drain that acknowledged samples, <em>before</em> it completes
 * their futures, so a read issued after a sample's 2xx sees that sample. It also publishes when a checkpoint
 * detaches cells, commits or fails, and after evictions.
 *
 * <p>Consistency with the store: minutes live in exactly one of three places at a time: the store (up to
 * checkpoint generation {@link #committedGeneration}), {@link #pending} (the checkpoint being written or waiting
 * for a retry, generation {@code committedGeneration + 1}) and {@link #memory} (changed since that checkpoint
 * was detached). A read adds its store rows to the in-memory parts that the store's generation does not yet
 * contain (see {@link EngineViews.Capture#merge}).
 *
 * @param committedGeneration generation of the last checkpoint the store committed
 * @param pending cells of the checkpoint written or awaiting retry, or null when there is none
 * @param services every service by name
 * @param memory minutes changed since the pending checkpoint (or the last committed one) was detached
 * @param health per-instance figures and outlier flags by service, as of the last instance-health refresh (every
 *     {@code rollup.instances.refresh}, not every drain)
 */
record ReadSnapshot(long committedGeneration, Pending pending, Map<String, ServiceView> services,
    CellPages memory, Map<String, ServiceHealth> health) {

  static final ReadSnapshot EMPTY = new ReadSnapshot(0, null, Map.of(), CellPages.EMPTY, Map.of());

  /** A detached checkpoint's cells by series id, readable until the store has them. */
  record Pending(long generation, Map<Long, List<CellRow>> cellsBySeries) {
  }
}
