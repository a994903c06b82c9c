/**
 * Scraping Prometheus text-format endpoints for fleets that run no Prometheus. {@link
 * io.glasshouse.collector.scrape.ScrapeManager} runs the {@code scrape:} section ({@link
 * io.glasshouse.collector.scrape.ScrapeSettings}, jobs in Prometheus's {@code scrape_configs} shape): target
 * discovery (static, file SD, HTTP SD, self-registration through {@link io.glasshouse.collector.scrape.ScrapeRoutes}),
 * {@link io.glasshouse.collector.scrape.Relabeling} and {@link io.glasshouse.collector.scrape.Targets}, one scrape loop
 * per target. {@link io.glasshouse.collector.scrape.Scraper} does one non-blocking scrape (timeout, body limit, bounded
 * concurrency), {@link io.glasshouse.collector.scrape.TextFormatParser} reads the exposition format and {@link
 * io.glasshouse.collector.scrape.ScrapeMapper} turns a scrape into the samples remote write would give for it, plus
 * {@code up} and the {@code scrape_*} series. Samples go through the collector's validator into the engine.
 */
package io.glasshouse.collector.scrape;
