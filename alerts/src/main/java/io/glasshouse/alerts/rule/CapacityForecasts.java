package io.glasshouse.alerts.rule;

import io.glasshouse.rollup.capacity.CapacityResult;
import java.util.Optional;

/** Where capacity rules read forecasts: the capacity planner's last refresh ({@code CapacityPlanner::latest}). */
@FunctionalInterface
public interface CapacityForecasts {
  Optional<CapacityResult> latest();
}
