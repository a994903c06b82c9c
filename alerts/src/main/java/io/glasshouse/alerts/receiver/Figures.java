package io.glasshouse.alerts.receiver;

import io.glasshouse.alerts.state.Alert;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The annotations of an alert that are figures (everything but the prose and the links), for receivers; and the
 * same figures under the names people read in a page ({@link #labelled(Alert)}), the page text's own order first.
 */
public final class Figures {
  private static final Set<String> PROSE = Set.of("summary", "description", "runbook_url", "staff_url");
  /** The page text's figures in reading order, with their names for people. */
  private static final List<Map.Entry<String, String>> NAMES = List.of(
      Map.entry("window_pair", "Window pair"),
      Map.entry("burn_rate_long", "Burn rate (long window)"),
      Map.entry("burn_rate_short", "Burn rate (short window)"),
      Map.entry("burn_rate_threshold", "Burn-rate threshold"),
      Map.entry("budget_consumed", "Budget gone"),
      Map.entry("budget_remaining", "Budget left"),
      Map.entry("budget_exhausted_at", "Runs out at this rate"),
      Map.entry("budget_exhausted_at_forecast", "Runs out at forecast traffic"),
      Map.entry("budget_exhausted_at_forecast_earliest", "Runs out at forecast traffic, earliest (upper 80%)"),
      Map.entry("budget_exhausted_at_forecast_latest", "Runs out at forecast traffic, latest (lower 80%)"),
      Map.entry("slo_target", "SLO target"),
      Map.entry("instances", "Instances"),
      Map.entry("versions", "Versions"),
      Map.entry("forecast", "Forecast"),
      Map.entry("forecast_interval", "Forecast interval"),
      Map.entry("forecast_model", "Forecast model"),
      Map.entry("exhaustion_upper80_at", "Upper 80% reaches capacity at"),
      Map.entry("exhaustion_point_at", "Point forecast reaches capacity at"),
      Map.entry("time_to_exhaustion", "Time to exhaustion"),
      Map.entry("capacity", "Capacity"),
      Map.entry("current", "Now"));

  private Figures() {
  }

  static Map<String, String> of(Alert a) {
    return of(a.annotations());
  }

  /** The figures among {@code annotations}, by key. */
  static Map<String, String> of(Map<String, String> annotations) {
    Map<String, String> out = new TreeMap<>();
    annotations.forEach((k, v) -> {
      if (!PROSE.contains(k)) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** The figures of {@code a} by the names people read: the page text's in its order, then the others by key. */
  public static Map<String, String> labelled(Alert a) {
    Map<String, String> rest = of(a);
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> n : NAMES) {
      String v = rest.remove(n.getKey());
      if (v != null) {
        out.put(n.getValue(), v);
      }
    }
    out.putAll(rest);
    return out;
  }

  /** Whether {@code url} can be handed to a receiver as a link (absolute http or https). */
  static boolean absolute(String url) {
    return url != null && (url.startsWith("https://") || url.startsWith("http://"));
  }
}
