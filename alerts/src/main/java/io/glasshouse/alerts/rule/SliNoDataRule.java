package io.glasshouse.alerts.rule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Absence of an SLI's data: the SLO's SLI counted no events over the trailing {@code window} (one of the burn-rate
 * windows, 5 minutes by default). Held for the rule's {@code for}, that is "no data for a configured time". One
 * candidate labelled {@code slo} (and {@code service} when known). An SLO that is not evaluated at all makes the
 * rule not evaluable (the staff view and {@code /metrics} say why), rather than firing.
 */
public final class SliNoDataRule extends SloRule {
  private final Duration window;

  public SliNoDataRule(RuleSpec spec, String slo, Duration window, BurnRates burnRates) {
    super(spec, slo, burnRates, "SLI");
    this.window = Objects.requireNonNull(window, "window");
  }

  @Override
  List<Candidate> candidates(Instant now) {
    double rate = burnRates.burnRate(slo, window, now);
    if (!Double.isNaN(rate)) {
      return List.of();
    }
    String service = burnRates.facts(slo, now).map(BurnRates.SloFacts::service).orElse(null);
    Map<String, String> labels = service == null ? Map.of("slo", slo) : Map.of("slo", slo, "service", service);
    return List.of(Candidate.of(labels, Map.of(
        "summary", "SLO " + slo + "'s SLI counted no events over the last " + BurnRateRule.human(window)
            + (service == null ? "" : " (service " + service + ")")
            + ": the SLO cannot say whether customers are served",
        "no_data_window", BurnRateRule.human(window),
        "staff_url", StaffLinks.slo(slo)), 0));
  }
}
