package io.glasshouse.statuspage.incident;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code incidents:} configuration section.
 *
 * @param checkEvery  how often maintenance times and derived statuses are checked ({@code check-every}, default
 *                    10s): a maintenance starts or completes at most this late
 * @param autoPublish publish draft incidents at once instead of waiting for a person ({@code auto-publish},
 *                    default false)
 */
public record IncidentsConfig(Duration checkEvery, boolean autoPublish) {
  private static final Set<String> KEYS = Set.of("check-every", "auto-publish");

  public static IncidentsConfig defaults() {
    return new IncidentsConfig(Duration.ofSeconds(10), false);
  }

  /** Reads the section; an unknown key or a bad value fails naming {@code incidents.<key>}. */
  public static IncidentsConfig fromJson(JsonObject section) {
    for (String k : section.fieldNames()) {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException("incidents." + k + " is not a known key; expected one of "
            + new java.util.TreeSet<>(KEYS));
      }
    }
    Duration every = Duration.ofSeconds(10);
    Object e = section.getValue("check-every");
    if (e != null) {
      try {
        every = io.glasshouse.rollup.query.TimeSyntax.parseDuration(e.toString());
      } catch (IllegalArgumentException x) {
        throw new IllegalArgumentException("incidents.check-every: " + x.getMessage());
      }
      if (every.toMillis() < 1) {
        throw new IllegalArgumentException("incidents.check-every must be at least 1ms, got: " + e);
      }
    }
    Object a = section.getValue("auto-publish");
    boolean auto = false;
    if (a != null) {
      if (a instanceof Boolean b) {
        auto = b;
      } else if ("true".equals(a) || "false".equals(a)) {
        auto = Boolean.parseBoolean((String) a);
      } else {
        throw new IllegalArgumentException("incidents.auto-publish must be true or false, got: " + a);
      }
    }
    return new IncidentsConfig(every, auto);
  }
}
