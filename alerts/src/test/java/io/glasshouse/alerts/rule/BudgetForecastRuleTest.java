package io.glasshouse.alerts.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: the error-budget-at-forecast-traffic alert carries the forecast's run-out, its 80% interval and the
 * model that made it, like the capacity alerts.
 */
class BudgetForecastRuleTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final Instant EARLIEST = NOW.plus(Duration.ofHours(30));
  static final Instant POINT = NOW.plus(Duration.ofHours(40));
  static final Instant LATEST = NOW.plus(Duration.ofHours(55));

  /** A fixture standing in for the SLO evaluation's figures. */
  record Facts(BurnRates.SloFacts facts) implements BurnRates {
    @Override
    public double burnRate(String slo, Duration window, Instant at) {
      return 2;
    }

    @Override
    public Optional<Budget> budget(String slo, Instant at) {
      return Optional.of(new Budget(0.99, Duration.ofDays(7), 0.6));
    }

    @Override
    public Optional<SloFacts> facts(String slo, Instant at) {
      return Optional.of(facts);
    }
  }

  static List<Candidate> fire(BurnRates.SloFacts f) {
    return new BudgetForecastRule(RuleSpec.named("budget"), "checkout", Duration.ofDays(3), "ticket", new Facts(f))
        .evaluate(NOW).result();
  }

  @Test
  void theAlertCarriesTheForecastsIntervalAndModel() {
    List<Candidate> c = fire(new BurnRates.SloFacts("shop", null, POINT, "runs out (traffic: forecast ets)",
        EARLIEST, LATEST, "ets"));
    assertThat(c).hasSize(1);
    var ann = c.get(0).annotations();
    assertThat(ann).containsEntry("budget_exhausted_at_forecast", POINT.toString())
        .containsEntry("budget_exhausted_at_forecast_earliest", EARLIEST.toString())
        .containsEntry("budget_exhausted_at_forecast_latest", LATEST.toString())
        .containsEntry("forecast_interval", "80%")
        .containsEntry("forecast_model", "ets");
    assertThat(ann.get("summary")).contains("80% interval").contains(EARLIEST.toString())
        .contains(LATEST.toString()).contains("ets");
  }

  @Test
  void aLowerTrafficBoundThatLastsSaysSo() {
    List<Candidate> c = fire(new BurnRates.SloFacts("shop", null, POINT, "n", EARLIEST, null, "ets"));
    assertThat(c.get(0).annotations()).containsEntry("budget_exhausted_at_forecast_latest", "lasts");
  }
}
