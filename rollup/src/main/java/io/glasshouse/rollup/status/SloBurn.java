package io.glasshouse.rollup.status;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One SLO's figures as the status rules read them, per evaluation.
 *
 * @param name            the SLO's name, as components list it in {@link ComponentDefinition#slos()}
 * @param category        availability or latency
 * @param burnRates       burn rate per window (1 = spending the budget exactly over the SLO window); a window
 *                        absent from the map has no value (no traffic: the SLI is undefined there)
 * @param budgetRemaining fraction of the error budget left (negative when overspent), or {@code NaN} when unknown
 */
public record SloBurn(String name, SloCategory category, Map<BurnWindow, Double> burnRates, double budgetRemaining) {
  public SloBurn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(category, "category");
    EnumMap<BurnWindow, Double> copy = new EnumMap<>(BurnWindow.class);
    if (burnRates != null) {
      burnRates.forEach((w, r) -> {
        if (r != null && Double.isFinite(r)) {
          copy.put(w, r);
        }
      });
    }
    burnRates = Map.copyOf(copy);
  }

  /** The burn rate over {@code window}, empty when undefined. */
  public OptionalDouble burnRate(BurnWindow window) {
    Double r = burnRates.get(window);
    return r == null ? OptionalDouble.empty() : OptionalDouble.of(r);
  }
}
