/**
 * Scraping Prometheus text-format endpoints for fleets that run no Prometheus: {@link
 * io.glasshouse.collector.scrape.TextFormatParser} (the exposition format), {@link
 * io.glasshouse.collector.scrape.ScrapeMapper} (series to samples, mapped like remote write, plus {@code up},
 * {@code scrape_duration_seconds}, {@code scrape_samples_scraped}) and {@link io.glasshouse.collector.scrape.Scraper}
 * (non-blocking HTTP with timeout, body limit and bounded concurrency). Not wired into the server yet: no
 * scheduling, target discovery or relabelling.
 */
package io.glasshouse.collector.scrape;
