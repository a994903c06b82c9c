package io.glasshouse.alerts.rule;

import io.glasshouse.rollup.instances.InstanceHealth;
import io.glasshouse.rollup.instances.ServiceHealth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which instances and versions a page is about, from {@code rollup.instances}: the instances flagged as outliers
 * against their peers when there are any (the fault is theirs), else every live instance (the fault is shared),
 * with the versions they run. Adds {@code instances}, {@code versions} and a sentence to the summary.
 */
record Involved(String instances, String versions, String sentence) {
  static Optional<Involved> of(ServiceHealth h) {
    if (h == null) {
      return Optional.empty();
    }
    List<InstanceHealth> outliers = h.outliers();
    List<InstanceHealth> live = h.instances().stream().filter(InstanceHealth::live).toList();
    if (live.isEmpty() && outliers.isEmpty()) {
      return Optional.empty();
    }
    List<InstanceHealth> chosen = outliers.isEmpty() ? live : outliers;
    Map<String, Long> byVersion = new TreeMap<>(chosen.stream().collect(Collectors.groupingBy(
        i -> i.version() == null ? "unknown" : i.version(), Collectors.counting())));
    String versions = byVersion.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
        .collect(Collectors.joining(", "));
    String ids = chosen.stream().map(InstanceHealth::instance).collect(Collectors.toCollection(TreeSet::new))
        .stream().limit(10).collect(Collectors.joining(", ")) + (chosen.size() > 10 ? ", …" : "");
    String sentence = outliers.isEmpty()
        ? "all " + live.size() + " live instances of " + h.service() + " alike, no outlier (versions " + versions + ")"
        : outliers.size() + " of " + live.size() + " live instances of " + h.service() + " deviate from their peers: "
            + chosen.stream().map(i -> i.instance() + (i.version() == null ? "" : " (" + i.version() + ")"))
                .limit(10).collect(Collectors.joining(", "));
    return Optional.of(new Involved(ids, versions, sentence));
  }

  Candidate annotate(Candidate c) {
    TreeMap<String, String> ann = new TreeMap<>(c.annotations());
    ann.put("instances", instances);
    ann.put("versions", versions);
    ann.computeIfPresent("summary", (k, v) -> v + "; " + sentence);
    return new Candidate(c.labels(), ann, c.value());
  }
}
