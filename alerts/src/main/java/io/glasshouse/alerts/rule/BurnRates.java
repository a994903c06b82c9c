package io.glasshouse.alerts.rule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What burn-rate rules read about an SLO: its burn rate over a trailing window, and its error-budget figures.
 * The SLO evaluation implements it; tests use fixtures. Implementations answer from computed snapshots and never
 * block.
 */
public interface BurnRates {
  /**
   * The burn rate of {@code slo} over the window of length {@code window} ending at {@code at}: the error ratio in
   * that window divided by the error budget ratio {@code 1 - target} (1 spends the budget exactly over the SLO
   * window). NaN when the window holds no events.
   *
   * @throws IllegalArgumentException when the SLO is unknown (the rule reports it as not evaluable)
   */
  double burnRate(String slo, Duration window, Instant at);

  /** The budget figures of {@code slo} at {@code at}; empty when unknown or without data. */
  Optional<Budget> budget(String slo, Instant at);

  /**
   * What else is known about {@code slo} at {@code at}: the service it is on, and when its budget runs out at the
   * current burn and at forecast traffic. Empty when unknown; the default knows nothing.
   */
  default Optional<SloFacts> facts(String slo, Instant at) {
    return Optional.empty();
  }

  /**
   * Facts about an SLO beyond its burn rates.
   *
   * @param service the service whose SLI it reads
   * @param exhaustedAtCurrentBurn when the budget runs out at the current burn; null when it lasts
   * @param exhaustedAtForecastTraffic when it runs out at forecast traffic (the SLO's traffic forecast, the last
   *     hour's error ratio); null when it lasts or cannot be projected
   * @param forecastNote how the forecast was made (its model) or why there is none
   * @param exhaustedEarliestAtForecast the earliest run-out over the forecast's 80% interval (its upper traffic
   *     bound, at an error ratio above the budget's); null when it lasts there too
   * @param exhaustedLatestAtForecast the latest run-out over the forecast's 80% interval (its lower traffic bound);
   *     null when it may last
   * @param forecastModel the model that made the traffic forecast; null without a forecast
   */
  record SloFacts(String service, Instant exhaustedAtCurrentBurn, Instant exhaustedAtForecastTraffic,
      String forecastNote, Instant exhaustedEarliestAtForecast, Instant exhaustedLatestAtForecast,
      String forecastModel) {

    /** Without the forecast's interval and model (both bounds the point's). */
    public SloFacts(String service, Instant exhaustedAtCurrentBurn, Instant exhaustedAtForecastTraffic,
        String forecastNote) {
      this(service, exhaustedAtCurrentBurn, exhaustedAtForecastTraffic, forecastNote, exhaustedAtForecastTraffic,
          exhaustedAtForecastTraffic, null);
    }
  }

  /**
   * Error-budget figures for annotations.
   *
   * @param target e.g. 0.999
   * @param window the SLO window, e.g. 30 days
   * @param consumed fraction of the window's budget spent so far (may exceed 1)
   */
  record Budget(double target, Duration window, double consumed) {
    public double remaining() {
      return Math.max(0, 1 - consumed);
    }
  }
}
