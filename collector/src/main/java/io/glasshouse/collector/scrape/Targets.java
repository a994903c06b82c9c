package io.glasshouse.collector.scrape;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a discovered target into a {@link ScrapeTarget} as Prometheus does: the group's labels and
 * {@code __address__}, then {@code job}, {@code __scheme__}, {@code __metrics_path__}, {@code __scrape_interval__},
 * {@code __scrape_timeout__} and {@code __param_<name>} from the job where discovery did not set them; then the
 * job's {@code relabel_configs} (which may drop the target); then the default port of the scheme is added to an
 * address without one, {@code instance} defaults to {@code __address__}, the URL is built from {@code __scheme__},
 * {@code __address__}, {@code __metrics_path__} and the params ({@code __param_*} labels override the job's first
 * value), and every label starting with {@code __} ({@code __meta_*}, {@code __tmp_*}, ...) is removed.
 */
public final class Targets {
  private Targets() {
  }

  /** The target, or null when relabelling dropped it or left no usable address. */
  public static ScrapeTarget build(ScrapeJob job, String address, Map<String, String> groupLabels) {
    Map<String, String> labels = new TreeMap<>(groupLabels);
    labels.put("__address__", address);
    labels.putIfAbsent("job", job.name());
    labels.putIfAbsent("__scheme__", job.scheme());
    labels.putIfAbsent("__metrics_path__", job.metricsPath());
    labels.putIfAbsent("__scrape_interval__", format(job.interval()));
    labels.putIfAbsent("__scrape_timeout__", format(job.timeout()));
    job.params().forEach((name, values) -> {
      if (!values.isEmpty()) {
        labels.putIfAbsent("__param_" + name, values.get(0));
      }
    });
    labels.values().removeIf(String::isEmpty);
    if (!Relabeling.apply(job.relabelConfigs(), labels)) {
      return null;
    }
    String addr = labels.get("__address__");
    if (addr == null || addr.isEmpty() || addr.contains("/")) {
      return null;
    }
    String scheme = labels.getOrDefault("__scheme__", "http");
    if (!hasPort(addr)) {
      addr = addr + (scheme.equals("https") ? ":443" : ":80");
    }
    labels.putIfAbsent("instance", addr);
    Map<String, List<String>> params = new LinkedHashMap<>(job.params());
    labels.forEach((n, v) -> {
      if (n.startsWith("__param_")) {
        String p = n.substring("__param_".length());
        List<String> old = params.get(p);
        params.put(p, old == null || old.isEmpty() ? List.of(v)
            : java.util.stream.Stream.concat(java.util.stream.Stream.of(v), old.stream().skip(1)).toList());
      }
    });
    StringBuilder url = new StringBuilder(scheme).append("://").append(addr)
        .append(labels.getOrDefault("__metrics_path__", "/metrics"));
    char sep = '?';
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      for (String v : e.getValue()) {
        url.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
            .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        sep = '&';
      }
    }
    URI uri;
    try {
      uri = URI.create(url.toString());
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (uri.getHost() == null) {
      return null;
    }
    labels.keySet().removeIf(n -> n.startsWith("__"));
    return new ScrapeTarget(uri, labels, job);
  }

  private static boolean hasPort(String addr) {
    int colon = addr.lastIndexOf(':');
    int bracket = addr.lastIndexOf(']');
    return colon > 0 && colon > bracket;
  }

  private static String format(java.time.Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
