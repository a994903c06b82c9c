package io.glasshouse.alerts.receiver;

import io.glasshouse.alerts.state.Alert;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One notification of one alert group to one receiver: Alertmanager's {@code template.Data} plus the group key.
 * {@code alerts} holds the firing alerts, then the resolved ones (only when the receiver sends resolved).
 * Immutable.
 *
 * @param status {@code firing} when any alert fires, else {@code resolved}; {@code acknowledged} when every
 *     firing alert of the group has been silenced since the last notification (PagerDuty acknowledges; other
 *     integrations skip it)
 */
public record Notification(String receiver, String groupKey, String status, SortedMap<String, String> groupLabels,
    List<Alert> alerts, String externalUrl) {
  public Notification {
    groupLabels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(groupLabels));
    alerts = List.copyOf(alerts);
  }

  public long firingCount() {
    return alerts.stream().filter(Alert::firing).count();
  }

  public long resolvedCount() {
    return alerts.stream().filter(Alert::resolved).count();
  }

  /** Labels every alert has with the same value. */
  public SortedMap<String, String> commonLabels() {
    return common(alerts.stream().map(Alert::labels).toList());
  }

  /** Annotations every alert has with the same value. */
  public SortedMap<String, String> commonAnnotations() {
    return common(alerts.stream().map(Alert::annotations).toList());
  }

  private static SortedMap<String, String> common(List<? extends Map<String, String>> maps) {
    SortedMap<String, String> out = new TreeMap<>();
    if (maps.isEmpty()) {
      return out;
    }
    out.putAll(maps.get(0));
    for (Map<String, String> m : maps.subList(1, maps.size())) {
      out.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
    }
    return out;
  }
}
