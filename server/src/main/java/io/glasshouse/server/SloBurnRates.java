package io.glasshouse.server;

import io.glasshouse.alerts.rule.BurnRates;
import io.glasshouse.rollup.slo.SloReport;
import io.glasshouse.rollup.slo.SloReports;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Burn-rate alert rules read the SLO evaluation's last refresh: each {@link SloReport} carries the burn rates of
 * the workbook windows ({@link SloReport#BURN_WINDOWS}) ending at its {@code asOf} (the last complete minute it
 * counted), its budget, and when the budget runs out at the current burn and at forecast traffic.
 *
 * <p>{@code at} is honoured: the report answers for windows ending at {@code at} only when its {@code asOf} is
 * at or before {@code at} and no more than {@code maxLag} before it (a refresh period plus the minute being
 * completed). Otherwise the call fails saying so, and the rule reports that it cannot be evaluated (its alerts
 * keep their state) instead of alerting on figures of another time: a refresh that stalled, or an {@code at} in the
 * past that the last report does not describe.
 */
final class SloBurnRates implements BurnRates {
  private final SloReports slos;
  private final Duration maxLag;

  /** @param refresh how often the SLO evaluation refreshes ({@code slo.refresh}) */
  SloBurnRates(SloReports slos, Duration refresh) {
    this.slos = slos;
    this.maxLag = refresh.plus(Duration.ofMinutes(2));
  }

  @Override
  public double burnRate(String slo, Duration window, Instant at) {
    SloReport r = report(slo, at);
    if (!SloReport.BURN_WINDOWS.contains(window)) {
      throw new IllegalArgumentException("SLO burn rates are computed over " + SloReport.BURN_WINDOWS
          + "; a rule asked for " + window);
    }
    return r.burnRate(window).orElse(Double.NaN);
  }

  @Override
  public Optional<Budget> budget(String slo, Instant at) {
    return Optional.of(report(slo, at)).filter(r -> r.budgetRemaining() != null)
        .map(r -> new Budget(r.definition().target(), Duration.between(r.windowStart(), r.windowEnd()),
            1 - r.budgetRemaining()));
  }

  @Override
  public Optional<SloFacts> facts(String slo, Instant at) {
    SloReport r = report(slo, at);
    SloReport.Exhaustion e = r.exhaustion();
    if (e == null) {
      return Optional.of(new SloFacts(r.definition().service(), null, null, null));
    }
    return Optional.of(new SloFacts(r.definition().service(), e.atCurrentBurn(), e.atForecastTraffic(),
        e.forecastNote(), e.atForecastTrafficEarliest(), e.atForecastTrafficLatest(), e.forecastModel()));
  }

  private SloReport report(String slo, Instant at) {
    SloReport r = slos.latest().reports().stream().filter(x -> x.name().equals(slo)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("SLO '" + slo
            + "' is not defined or not evaluated yet (see /api/v1/slos)"));
    if (r.asOf().isAfter(at)) {
      throw new IllegalArgumentException("SLO '" + slo + "' was last evaluated as of " + r.asOf() + ", after " + at
          + "; its figures at " + at + " are not kept");
    }
    if (Duration.between(r.asOf(), at).compareTo(maxLag) > 0) {
      throw new IllegalArgumentException("SLO '" + slo + "' was last evaluated as of " + r.asOf() + ", more than "
          + maxLag.toSeconds() + " s before " + at + " (is the SLO evaluation stalled?); its burn rates at " + at
          + " are not known");
    }
    return r;
  }
}
