package io.glasshouse.collector.scrape;

import java.net.URI;

/**
 * One endpoint to scrape: its URL, the service it belongs to (Prometheus's {@code job}) and the instance label
 * ({@code host:port} of the URL unless given).
 */
public record ScrapeTarget(URI url, String service, String instance) {
  /** A target whose instance is the URL's {@code host:port}. */
  public static ScrapeTarget of(String url, String service) {
    URI u = URI.create(url);
    return new ScrapeTarget(u, service, u.getHost() + ":" + u.getPort());
  }
}
