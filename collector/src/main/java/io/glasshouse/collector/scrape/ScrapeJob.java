package io.glasshouse.collector.scrape;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One entry of {@code scrape_configs}, in Prometheus's shape and with Prometheus's defaults ({@code metrics_path
 * /metrics}, {@code scheme http}, interval and timeout from {@code global}). {@code bodySizeLimit} and
 * {@code sampleLimit} 0 mean no limit of the job's own (the scraper's overall body cap still applies).
 * {@code auth} holds {@code tls_config}, {@code basic_auth}, {@code authorization} and {@code bearer_token(_file)}
 * ({@link ScrapeAuth}; its secrets never show in {@link #toString()}).
 */
public record ScrapeJob(String name, Duration interval, Duration timeout, String metricsPath, String scheme,
    Map<String, List<String>> params, boolean honorLabels, boolean honorTimestamps, List<TargetGroup> staticConfigs,
    List<FileSdConfig> fileSdConfigs, List<HttpSdConfig> httpSdConfigs, List<RelabelRule> relabelConfigs,
    List<RelabelRule> metricRelabelConfigs, long bodySizeLimit, int sampleLimit, ScrapeAuth auth) {

  /** Fields of a {@code scrape_configs} entry Glasshouse takes; anything else is refused at start. */
  static final Set<String> FIELDS = Set.of("job_name", "scrape_interval", "scrape_timeout", "metrics_path", "scheme",
      "params", "honor_labels", "honor_timestamps", "static_configs", "file_sd_configs", "http_sd_configs",
      "relabel_configs", "metric_relabel_configs", "body_size_limit", "sample_limit", "tls_config", "basic_auth",
      "authorization", "bearer_token", "bearer_token_file");

  /** A {@code file_sd_configs} entry: files (a {@code *} glob in the file name is allowed) re-read every interval. */
  public record FileSdConfig(List<String> files, Duration refreshInterval) {
  }

  /** An {@code http_sd_configs} entry: a URL answering Prometheus's HTTP SD JSON, polled every interval. */
  public record HttpSdConfig(URI url, Duration refreshInterval) {
  }

  /** A job with every default, scraping only what is added to it (tests, single scrapes). */
  public static ScrapeJob defaults(String name) {
    return new ScrapeJob(name, Duration.ofMinutes(1), Duration.ofSeconds(10), "/metrics", "http", Map.of(), false,
        true, List.of(), List.of(), List.of(), List.of(), List.of(), 0, 0, ScrapeAuth.NONE);
  }

  static ScrapeJob parse(Fields f, Duration globalInterval, Duration globalTimeout, long globalBodyLimit,
      int globalSampleLimit) {
    f.only(FIELDS);
    String name = f.required("job_name");
    String path = f.path + " (job '" + name + "')";
    Duration interval = f.duration("scrape_interval", globalInterval);
    Duration timeout = f.duration("scrape_timeout", f.has("scrape_interval") && !f.has("scrape_timeout")
        ? min(globalTimeout, interval) : globalTimeout);
    if (timeout.compareTo(interval) > 0) {
      throw new IllegalArgumentException(path + ": scrape_timeout (" + timeout + ") is greater than "
          + "scrape_interval (" + interval + "); a scrape must end before the next begins");
    }
    String metricsPath = f.string("metrics_path", "/metrics");
    if (!metricsPath.startsWith("/")) {
      throw new IllegalArgumentException(f.path + ".metrics_path must start with '/', got " + metricsPath);
    }
    String scheme = f.string("scheme", "http").toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(f.path + ".scheme must be http or https, got " + scheme);
    }
    List<TargetGroup> statics = f.list("static_configs").stream().map(TargetGroup::parse).toList();
    List<FileSdConfig> files = f.list("file_sd_configs").stream().map(ScrapeJob::fileSd).toList();
    List<HttpSdConfig> https = f.list("http_sd_configs").stream().map(ScrapeJob::httpSd).toList();
    List<RelabelRule> relabel = f.list("relabel_configs").stream().map(RelabelRule::parse).toList();
    List<RelabelRule> metricRelabel = f.list("metric_relabel_configs").stream().map(RelabelRule::parse).toList();
    return new ScrapeJob(name, interval, timeout, metricsPath, scheme, Map.copyOf(f.params("params")),
        f.bool("honor_labels", false), f.bool("honor_timestamps", true), statics, files, https, relabel,
        metricRelabel, f.size("body_size_limit", globalBodyLimit), f.integer("sample_limit", globalSampleLimit, 0),
        ScrapeAuth.parse(f));
  }

  private static FileSdConfig fileSd(Fields f) {
    f.only(Set.of("files", "refresh_interval"));
    List<String> files = f.strings("files");
    if (files.isEmpty()) {
      throw new IllegalArgumentException(f.path + ".files must list at least one file (a * is allowed in the "
          + "file name, e.g. targets/*.json)");
    }
    for (String file : files) {
      String lower = file.toLowerCase(Locale.ROOT);
      if (!lower.endsWith(".json") && !lower.endsWith(".yml") && !lower.endsWith(".yaml")) {
        throw new IllegalArgumentException(f.path + ".files: '" + file + "' must end in .json, .yml or .yaml");
      }
    }
    return new FileSdConfig(files, f.duration("refresh_interval", Duration.ofMinutes(5)));
  }

  private static HttpSdConfig httpSd(Fields f) {
    f.only(Set.of("url", "refresh_interval"));
    String url = f.required("url");
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(f.path + ".url '" + url + "' is not a URL");
    }
    if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
        || u.getHost() == null) {
      throw new IllegalArgumentException(f.path + ".url must be an http:// or https:// URL, got " + url);
    }
    return new HttpSdConfig(u, f.duration("refresh_interval", Duration.ofMinutes(1)));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
