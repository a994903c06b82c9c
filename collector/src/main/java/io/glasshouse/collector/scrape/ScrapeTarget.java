package io.glasshouse.collector.scrape;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

/**
 * One endpoint to scrape, as Prometheus has it after relabelling: the URL, the target labels attached to every
 * scraped series ({@code job}, {@code instance} and whatever discovery and relabelling left; no {@code __}
 * labels) and the job whose settings apply.
 */
public record ScrapeTarget(URI url, Map<String, String> labels, ScrapeJob job) {
  public ScrapeTarget {
    labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  /** A target of a job with every default, whose instance is the URL's {@code host:port}. */
  public static ScrapeTarget of(String url, String service) {
    URI u = URI.create(url);
    return new ScrapeTarget(u, Map.of("job", service, "instance", u.getHost() + ":" + u.getPort()),
        ScrapeJob.defaults(service));
  }

  /** The service its series go to: the {@code service} label if relabelling set one, else {@code job}. */
  public String service() {
    String s = labels.get("service");
    return s != null ? s : labels.get("job");
  }

  public String instance() {
    return labels.get("instance");
  }

  /** Identity of the target within its job: URL and labels (as Prometheus hashes them). */
  String key() {
    return url + " " + labels;
  }
}
