package io.glasshouse.alerts.receiver;

import io.glasshouse.alerts.state.Alert;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The annotations of an alert that are figures (everything but the prose and the links), for receivers. */
final class Figures {
  private static final Set<String> PROSE = Set.of("summary", "description", "runbook_url", "staff_url");

  private Figures() {
  }

  static Map<String, String> of(Alert a) {
    Map<String, String> out = new TreeMap<>();
    a.annotations().forEach((k, v) -> {
      if (!PROSE.contains(k)) {
        out.put(k, v);
      }
    });
    return out;
  }
}
