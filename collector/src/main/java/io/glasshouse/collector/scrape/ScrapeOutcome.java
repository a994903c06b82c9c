package io.glasshouse.collector.scrape;

import io.glasshouse.collector.validate.DecodedBatch;

/**
 * What one scrape yields: the samples to ingest (the target's series and the synthetic {@code up},
 * {@code scrape_duration_seconds}, {@code scrape_samples_scraped}, {@code scrape_samples_post_metric_relabeling}),
 * whether the target was up, and why not.
 *
 * @param error null when up, else what went wrong (connection refused, HTTP status, timeout, body or sample limit)
 * @param samplesScraped series lines in the body
 */
public record ScrapeOutcome(DecodedBatch batch, boolean up, String error, int samplesScraped, double durationSeconds,
    long scrapeMs) {
}
