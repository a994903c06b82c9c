package io.glasshouse.rollup.slo;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One service-level objective, as configured (config file {@code slos:}, config API kind {@code slo}, or an OpenSLO
 * v1 document): immutable. {@link SloJsonCodec} reads and writes it as JSON and validates it.
 *
 * @param name        stable identifier: lower-case letters, digits and dashes, starting and ending with a letter or
 *                    digit, at most 63 characters (OpenSLO's RFC 1123 names); used in URLs
 * @param service     the service whose minute rollups the SLI reads
 * @param sli         what is measured
 * @param target      the fraction of good events (or slices) to reach, strictly between 0 and 1, e.g. 0.999
 * @param window      rolling or calendar
 * @param budgeting   occurrences or timeslices
 * @param labels      free-form labels (team, tier…), sorted by key
 * @param description one line for people; may be empty
 * @param owner       who answers for it (team or person); may be empty
 */
public record SloDefinition(String name, String service, Sli sli, double target, SloWindow window,
    Budgeting budgeting, Map<String, String> labels, String description, String owner) {
  /** The allowed shape of {@link #name()}. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  public SloDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(sli, "sli");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(budgeting, "budgeting");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name must be lower-case letters, digits and dashes, got " + name);
    }
    if (!(target > 0 && target < 1)) {
      throw new IllegalArgumentException("target must be between 0 and 1 (exclusive), got " + target);
    }
    labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    description = description == null ? "" : description;
    owner = owner == null ? "" : owner;
  }

  /** The error budget as a fraction of events (or slices): {@code 1 − target}. */
  public double errorBudgetRatio() {
    return 1 - target;
  }
}
