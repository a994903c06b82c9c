package io.glasshouse.collector.scrape;

import java.util.List;
import java.util.Map;

/**
 * A group of targets sharing labels, as Prometheus's {@code static_configs}, file SD and HTTP SD write it:
 * {@code {"targets": ["host:port", ...], "labels": {...}}}. Discovery adds its {@code __meta_*} labels to
 * {@code labels}.
 */
public record TargetGroup(List<String> targets, Map<String, String> labels) {
  public TargetGroup {
    targets = List.copyOf(targets);
    labels = Map.copyOf(labels);
  }

  static TargetGroup parse(Fields f) {
    f.only(java.util.Set.of("targets", "labels"));
    return new TargetGroup(f.strings("targets"), f.labels("labels"));
  }
}
