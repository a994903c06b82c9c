package io.glasshouse.rollup.store;

import io.glasshouse.rollup.sample.Labels;

/**
 * One instance histogram's classic-histogram scrapes whose parts had not all arrived when a checkpoint was taken
 * (issue #7): a checkpoint stores them with the parts' cumulative baselines and deletes the journal that carried
 * the parts, so without this row a crash before the scrape's other parts arrive would lose the intervals they
 * complete. {@code state} is the engine's own encoding; the store keeps it verbatim.
 *
 * @param seriesId the rollup series the histogram feeds
 * @param labels the instance histogram's labels (without {@code le})
 */
public record StoredPendingParts(long seriesId, Labels labels, byte[] state) {
}
