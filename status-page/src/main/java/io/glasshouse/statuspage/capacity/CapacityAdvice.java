package io.glasshouse.statuspage.capacity;

import io.glasshouse.rollup.capacity.CapacityIndicator;
import io.glasshouse.rollup.capacity.CapacitySnapshot;
import io.glasshouse.rollup.forecast.Exhaustion;
import io.glasshouse.rollup.forecast.HorizonForecast;
import io.glasshouse.rollup.forecast.InstancesNeeded;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * What a planner should do about one indicator: <b>what</b> to add, <b>how much</b>, and <b>by when</b>, so that it
 * stays at or below its target utilisation through the longest forecast horizon, provisioning for the upper 80%
 * bound of the forecast.
 *
 * <ul>
 *   <li>Per-instance capacity: instances, from the planner's instances needed at the longest horizon.
 *   <li>Absolute capacity with {@code fn: avg} (a per-instance average over identical instances sharing the load):
 *       instances, {@code ceil(live × upper80 / (capacity × target))}.
 *   <li>Any other absolute capacity: capacity in the indicator's unit, {@code upper80 / target − capacity}.
 * </ul>
 *
 * <p>By when: the time the upper 95% bound of the forecast reaches the target (the early warning), else the end
 * of the forecast. Pure.
 *
 * @param action {@code instances}, {@code capacity}, {@code none} (nothing to add within the forecast) or
 *     {@code unknown} (no forecast)
 * @param add instances or capacity (in the unit) to add; 0 for none and unknown
 * @param total the instances or capacity to have after adding
 * @param by when it is needed (empty for none and unknown)
 * @param text the advice in one sentence
 */
record CapacityAdvice(String action, double add, double total, Optional<Instant> by, String text) {

  static CapacityAdvice of(CapacitySnapshot s) {
    if (s.error().isPresent() || s.horizons().isEmpty()) {
      return new CapacityAdvice("unknown", 0, Double.NaN, Optional.empty(),
          "No forecast, so no advice: " + s.error().orElse("no forecast").replaceAll("\\.$", "") + ".");
    }
    CapacityIndicator ind = s.indicator();
    HorizonForecast longest = s.horizons().stream().max(Comparator.comparing(HorizonForecast::horizon)).orElseThrow();
    double peak = s.horizons().stream().mapToDouble(HorizonForecast::hi80).filter(Double::isFinite).max()
        .orElse(Double.NaN);
    double target = ind.targetUtilisation();
    String targetText = ReportText.pct(target);
    Optional<Instant> reached = s.targetExhaustion().flatMap(Exhaustion::upper95);
    Instant end = longest.at();
    Optional<Instant> by = reached.isPresent() ? reached : Optional.of(end);
    String byText = reached.map(t -> t.isAfter(s.computedAt()) ? "by " + ReportText.dateTime(t)
        + " (" + ReportText.relative(java.time.Duration.between(s.computedAt(), t)) + ")" : "now")
        .orElse("by " + ReportText.dateTime(end) + " (end of the forecast)");
    int live = s.liveInstances();
    boolean perInstance = ind.capacity().kind() == CapacityIndicator.Capacity.Kind.PER_INSTANCE;
    boolean scaleOut = !perInstance && ind.fn().equals("avg") && live > 0;
    if (perInstance || scaleOut) {
      int needed;
      if (perInstance) {
        needed = s.instancesNeeded().stream().max(Comparator.comparing(InstancesNeeded::horizon))
            .map(InstancesNeeded::forUpper80).orElse(live);
      } else {
        needed = (int) Math.max(1, Math.ceil(live * peak / (ind.capacity().amount() * target)));
      }
      if (needed > live) {
        return new CapacityAdvice("instances", needed - live, needed, by, "Add " + (needed - live) + " instance"
            + (needed - live == 1 ? "" : "s") + " of " + ind.service() + " (to " + needed + ") " + byText
            + ", to stay under " + targetText + " through " + ReportText.dateTime(end) + ".");
      }
      return none(s, peak, end, live + " instance" + (live == 1 ? "" : "s") + " of " + ind.service()
          + " are enough", targetText);
    }
    double capacity = s.capacity();
    double required = peak / target;
    if (Double.isFinite(required) && required > capacity) {
      return new CapacityAdvice("capacity", required - capacity, required, by, "Add "
          + Units.format(required - capacity, ind.unit()) + " (to " + Units.format(required, ind.unit()) + ") "
          + byText + ", to stay under " + targetText + " through " + ReportText.dateTime(end) + ".");
    }
    return none(s, peak, end, "the capacity of " + Units.format(capacity, ind.unit()) + " is enough", targetText);
  }

  private static CapacityAdvice none(CapacitySnapshot s, double peak, Instant end, String enough, String target) {
    double peakShare = peak / s.capacity();
    return new CapacityAdvice("none", 0, Double.NaN, Optional.empty(), "Nothing to add: " + enough + " through "
        + ReportText.dateTime(end) + " (the upper 80% forecast peaks at " + Units.format(peak, s.indicator().unit())
        + (Double.isFinite(peakShare) && !s.indicator().unit().equals(Optional.of(Units.FRACTION))
            ? ", " + ReportText.pct(peakShare) + " of capacity" : "") + "; target "
        + target + ").");
  }
}
