package io.glasshouse.alerts.rule;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A leading indicator: the SLO's error budget runs out within {@code within} at forecast traffic (the SLO
 * evaluation's projection: its total events forecast by {@code rollup.forecast}, at the last hour's error ratio),
 * before the burn-rate tiers see it. One candidate labelled {@code slo}, {@code severity} (a ticket by default);
 * annotations carry when it runs out at forecast traffic and at the current burn, the earliest and latest run-out
 * over the forecast's 80% interval ({@code budget_exhausted_at_forecast_earliest} at the upper traffic bound,
 * {@code budget_exhausted_at_forecast_latest} at the lower, "lasts" when it may not run out), the interval
 * ({@code forecast_interval}), the model that made the forecast ({@code forecast_model}), the budget left, and
 * the SLO evaluation's forecast note. Receivers list them as figures.
 */
public final class BudgetForecastRule extends SloRule {
  private final Duration within;
  private final String severity;

  public BudgetForecastRule(RuleSpec spec, String slo, Duration within, String severity, BurnRates burnRates) {
    super(spec, slo, burnRates, "budget forecast");
    this.within = Objects.requireNonNull(within, "within");
    this.severity = Objects.requireNonNull(severity, "severity");
  }

  @Override
  List<Candidate> candidates(Instant now) {
    var facts = burnRates.facts(slo, now);
    if (facts.isEmpty()) {
      throw new IllegalArgumentException("SLO '" + slo + "' is not defined or not evaluated yet (see /api/v1/slos)");
    }
    BurnRates.SloFacts f = facts.get();
    Instant at = f.exhaustedAtForecastTraffic();
    if (at == null || at.isAfter(now.plus(within))) {
      return List.of();
    }
    Duration left = at.isBefore(now) ? Duration.ZERO : Duration.between(now, at);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("slo", slo);
    labels.put("severity", severity);
    if (f.service() != null) {
      labels.put("service", f.service());
    }
    Map<String, String> ann = new LinkedHashMap<>();
    ann.put("budget_exhausted_at_forecast", at.toString());
    if (f.exhaustedAtCurrentBurn() != null) {
      ann.put("budget_exhausted_at", f.exhaustedAtCurrentBurn().toString());
    }
    if (f.exhaustedEarliestAtForecast() != null) {
      ann.put("budget_exhausted_at_forecast_earliest", f.exhaustedEarliestAtForecast().toString());
    }
    ann.put("budget_exhausted_at_forecast_latest", f.exhaustedLatestAtForecast() == null ? "lasts"
        : f.exhaustedLatestAtForecast().toString());
    ann.put("forecast_interval", "80%");
    if (f.forecastModel() != null) {
      ann.put("forecast_model", f.forecastModel());
    }
    if (f.forecastNote() != null && !f.forecastNote().isBlank()) {
      ann.put("forecast", f.forecastNote());
    }
    burnRates.budget(slo, now).ifPresent(b -> {
      ann.put("budget_consumed", Template.number(100 * b.consumed()) + "%");
      ann.put("budget_remaining", Template.number(100 * b.remaining()) + "%");
    });
    ann.put("summary", "SLO " + slo + "'s error budget runs out at forecast traffic in "
        + BurnRateRule.human(Duration.ofMinutes(Math.max(1, left.toMinutes()))) + " (" + at + ")"
        + interval(f)
        + (f.exhaustedAtCurrentBurn() == null ? "" : "; at the current burn at " + f.exhaustedAtCurrentBurn())
        + (ann.containsKey("budget_consumed") ? "; " + ann.get("budget_consumed") + " of it is gone" : ""));
    ann.put("staff_url", StaffLinks.slo(slo));
    return List.of(Candidate.of(labels, ann, left.toSeconds()));
  }

  /** " (80% interval: earliest – latest, model)" for the summary, or nothing without a model. */
  private static String interval(BurnRates.SloFacts f) {
    if (f.forecastModel() == null) {
      return "";
    }
    return " (80% interval: " + (f.exhaustedEarliestAtForecast() == null ? "?" : f.exhaustedEarliestAtForecast())
        + " to " + (f.exhaustedLatestAtForecast() == null ? "lasts" : f.exhaustedLatestAtForecast().toString())
        + ", " + f.forecastModel() + ")";
  }
}
