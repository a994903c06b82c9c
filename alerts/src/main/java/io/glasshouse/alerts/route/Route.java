package io.glasshouse.alerts.route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A node of Alertmanager's routing tree. Children inherit the parent's receiver, grouping and timings unless
 * they set their own (the parser resolves inheritance, so every node here is complete). Immutable.
 *
 * <p>Matching (Alertmanager's): an alert enters a node when the node's matchers match; it is then offered to
 * the children in order, and each matching child takes it; after a matching child without {@code continue} the
 * remaining children are skipped. When no child takes it, the node itself does. The root matches everything.
 *
 * @param key the node's position, e.g. {@code {}/{severity="page"}/0}; part of the group key
 * @param groupBy label names to group by; ignored when {@code groupByAll} (Alertmanager's {@code ...})
 */
public record Route(String key, String receiver, List<Matcher> matchers, List<String> groupBy, boolean groupByAll,
    boolean continueMatching, Duration groupWait, Duration groupInterval, Duration repeatInterval,
    List<Route> routes) {

  /** Alertmanager's defaults. */
  public static final Duration GROUP_WAIT = Duration.ofSeconds(30);
  public static final Duration GROUP_INTERVAL = Duration.ofMinutes(5);
  public static final Duration REPEAT_INTERVAL = Duration.ofHours(4);

  public Route {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(receiver, "receiver");
    matchers = List.copyOf(matchers);
    groupBy = List.copyOf(groupBy);
    routes = List.copyOf(routes);
  }

  /** A root route sending everything to {@code receiver}, grouped by {@code groupBy}, with default timings. */
  public static Route root(String receiver, List<String> groupBy) {
    return new Route("{}", receiver, List.of(), groupBy, false, false, GROUP_WAIT, GROUP_INTERVAL, REPEAT_INTERVAL,
        List.of());
  }

  /** The nodes that take an alert with these labels, in tree order. */
  public List<Route> match(Map<String, String> labels) {
    List<Route> out = new ArrayList<>();
    if (!Matcher.all(matchers, labels)) {
      return out;
    }
    for (Route child : routes) {
      List<Route> m = child.match(labels);
      if (!m.isEmpty()) {
        out.addAll(m);
        if (!child.continueMatching) {
          break;
        }
      }
    }
    if (out.isEmpty()) {
      out.add(this);
    }
    return out;
  }

  /** The labels an alert is grouped by under this node. */
  public SortedMap<String, String> groupLabels(Map<String, String> labels) {
    if (groupByAll) {
      return new TreeMap<>(labels);
    }
    SortedMap<String, String> out = new TreeMap<>();
    for (String l : groupBy) {
      String v = labels.get(l);
      if (v != null && !v.isEmpty()) {
        out.put(l, v);
      }
    }
    return out;
  }

  /** Every node, depth first (for validation: each receiver must exist). */
  public List<Route> all() {
    List<Route> out = new ArrayList<>();
    out.add(this);
    for (Route r : routes) {
      out.addAll(r.all());
    }
    return out;
  }
}
