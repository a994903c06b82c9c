package io.glasshouse.rollup.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The derivation rules (see the package documentation): from a component and one evaluation's inputs to every
 * derived rule that fires, worst status first. Pure and stateless; maintenance, overrides and hysteresis are
 * applied by {@link StatusBoard} on top.
 */
public final class StatusRules {
  private final double fastBurn;
  private final double slowBurn;

  /** Rules with the page thresholds of {@code config}. */
  public StatusRules(StatusConfig config) {
    this(config.fastBurn(), config.slowBurn());
  }

  /**
   * @param fastBurn both the 1h and the 5m burn rate above it fires the fast rules (default 14.4)
   * @param slowBurn both the 6h and the 30m burn rate above it fires the slow rules (default 6)
   */
  public StatusRules(double fastBurn, double slowBurn) {
    this.fastBurn = fastBurn;
    this.slowBurn = slowBurn;
  }

  /** Every derived rule that fires for {@code component}, worst status first; empty when it is operational. */
  public List<StatusReason> derive(ComponentDefinition component, StatusInputs inputs) {
    List<StatusReason> out = new ArrayList<>();
    for (String service : component.services()) {
      inputs.service(service).filter(s -> s.expected() && s.liveInstances() <= 0)
          .ifPresent(s -> out.add(StatusReason.noLiveInstance(service)));
    }
    for (String name : component.slos()) {
      inputs.slo(name).ifPresent(slo -> burn(slo).ifPresent(out::add));
    }
    out.sort(Comparator.comparingInt((StatusReason r) -> -r.status().severity()).thenComparing(StatusReason::rule));
    return List.copyOf(out);
  }

  /** The worst status of {@link #derive}, or operational. */
  public ComponentStatus status(ComponentDefinition component, StatusInputs inputs) {
    List<StatusReason> r = derive(component, inputs);
    return r.isEmpty() ? ComponentStatus.OPERATIONAL : r.get(0).status();
  }

  /** The strongest rule one SLO fires: the fast pair before the slow pair. */
  private Optional<StatusReason> burn(SloBurn slo) {
    boolean availability = slo.category() == SloCategory.AVAILABILITY;
    if (above(slo, BurnWindow.H1, BurnWindow.M5, fastBurn)) {
      return Optional.of(StatusReason.burn(
          availability ? StatusRule.AVAILABILITY_BURN_1H_5M : StatusRule.LATENCY_BURN_1H_5M,
          availability ? ComponentStatus.MAJOR_OUTAGE : ComponentStatus.DEGRADED_PERFORMANCE,
          slo, BurnWindow.H1, BurnWindow.M5, fastBurn));
    }
    if (above(slo, BurnWindow.H6, BurnWindow.M30, slowBurn)) {
      return Optional.of(StatusReason.burn(
          availability ? StatusRule.AVAILABILITY_BURN_6H_30M : StatusRule.LATENCY_BURN_6H_30M,
          availability ? ComponentStatus.PARTIAL_OUTAGE : ComponentStatus.DEGRADED_PERFORMANCE,
          slo, BurnWindow.H6, BurnWindow.M30, slowBurn));
    }
    return Optional.empty();
  }

  /** Both windows have a burn rate and both exceed the threshold (an undefined window never fires). */
  private static boolean above(SloBurn slo, BurnWindow longWindow, BurnWindow shortWindow, double threshold) {
    return slo.burnRate(longWindow).orElse(Double.NaN) > threshold
        && slo.burnRate(shortWindow).orElse(Double.NaN) > threshold;
  }
}
