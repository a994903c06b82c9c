package io.glasshouse.collector.scrape;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code scrape:} section of the configuration file. Jobs are written as in Prometheus ({@code global} and
 * {@code scrape_configs}, snake_case, so a Prometheus configuration's scrape part can be pasted); Glasshouse's own
 * settings are kebab-case. Every field is checked at start: an unknown or unsupported one (say
 * {@code kubernetes_sd_configs} or {@code basic_auth}) stops start-up with one line naming it.
 *
 * <pre>
 * scrape:
 *   max-concurrent-scrapes: 64        # scrapes in flight at once
 *   registration-default-ttl: 60s     # self-registration without a ttl
 *   registration-max-ttl: 1h
 *   global: {scrape_interval: 1m, scrape_timeout: 10s, body_size_limit: 0, sample_limit: 0}
 *   scrape_configs:
 *     - job_name: checkout
 *       static_configs: [{targets: ['10.0.0.5:9100']}]
 * </pre>
 */
public record ScrapeSettings(List<ScrapeJob> jobs, int maxConcurrentScrapes, Duration registrationDefaultTtl,
    Duration registrationMaxTtl) {
  /** Glasshouse's own keys of the section, and Prometheus's two. */
  static final Set<String> KEYS = Set.of("global", "scrape_configs", "max-concurrent-scrapes",
      "registration-default-ttl", "registration-max-ttl");
  static final Set<String> GLOBAL = Set.of("scrape_interval", "scrape_timeout", "body_size_limit", "sample_limit");

  /** No jobs: nothing is scraped. */
  public static ScrapeSettings none() {
    return new ScrapeSettings(List.of(), 64, Duration.ofMinutes(1), Duration.ofHours(1));
  }

  /**
   * Parses the section.
   *
   * @throws IllegalArgumentException naming the offending field ({@code scrape.scrape_configs[1].scheme ...})
   */
  public static ScrapeSettings fromJson(JsonObject section) {
    Fields f = Fields.of("scrape", section == null ? new JsonObject() : section).only(KEYS);
    Fields global = f.has("global") ? Fields.of("scrape.global", f.raw("global")).only(GLOBAL)
        : Fields.of("scrape.global", new JsonObject());
    Duration interval = global.duration("scrape_interval", Duration.ofMinutes(1));
    Duration timeout = global.duration("scrape_timeout", Duration.ofSeconds(10));
    if (timeout.compareTo(interval) > 0) {
      timeout = interval;
    }
    long bodyLimit = global.size("body_size_limit", 0);
    int sampleLimit = global.integer("sample_limit", 0, 0);
    List<ScrapeJob> jobs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Fields job : f.list("scrape_configs")) {
      ScrapeJob j = ScrapeJob.parse(job, interval, timeout, bodyLimit, sampleLimit);
      if (!names.add(j.name())) {
        throw new IllegalArgumentException(job.path + ".job_name '" + j.name() + "' is used by an earlier job; "
            + "job names must be unique");
      }
      jobs.add(j);
    }
    Duration defaultTtl = f.duration("registration-default-ttl", Duration.ofMinutes(1));
    Duration maxTtl = f.duration("registration-max-ttl", Duration.ofHours(1));
    if (defaultTtl.compareTo(maxTtl) > 0) {
      throw new IllegalArgumentException("scrape.registration-default-ttl (" + defaultTtl + ") is above "
          + "scrape.registration-max-ttl (" + maxTtl + ")");
    }
    return new ScrapeSettings(List.copyOf(jobs), f.integer("max-concurrent-scrapes", 64, 1), defaultTtl, maxTtl);
  }

  /** The job named {@code name}, or null. */
  public ScrapeJob job(String name) {
    for (ScrapeJob j : jobs) {
      if (j.name().equals(name)) {
        return j;
      }
    }
    return null;
  }
}
