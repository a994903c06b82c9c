package io.glasshouse.server;

import io.glasshouse.alerts.rule.BurnRates;
import io.glasshouse.rollup.slo.SloReport;
import io.glasshouse.rollup.slo.SloReports;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Burn-rate alert rules read the SLO evaluation's last refresh: each {@link SloReport} carries the burn rates of
 * the workbook windows ({@link SloReport#BURN_WINDOWS}) and its budget. {@code at} is not re-evaluated: the
 * report is as of its last complete minute, refreshed every {@code slo.refresh}.
 */
final class SloBurnRates implements BurnRates {
  private final SloReports slos;

  SloBurnRates(SloReports slos) {
    this.slos = slos;
  }

  @Override
  public double burnRate(String slo, Duration window, Instant at) {
    SloReport r = report(slo).orElseThrow(() -> new IllegalArgumentException("SLO '" + slo
        + "' is not defined or not evaluated yet (see /api/v1/slos)"));
    if (!SloReport.BURN_WINDOWS.contains(window)) {
      throw new IllegalArgumentException("SLO burn rates are computed over " + SloReport.BURN_WINDOWS
          + "; a rule asked for " + window);
    }
    return r.burnRate(window).orElse(Double.NaN);
  }

  @Override
  public Optional<Budget> budget(String slo, Instant at) {
    return report(slo).filter(r -> r.budgetRemaining() != null)
        .map(r -> new Budget(r.definition().target(), Duration.between(r.windowStart(), r.windowEnd()),
            1 - r.budgetRemaining()));
  }

  private Optional<SloReport> report(String slo) {
    return slos.latest().reports().stream().filter(r -> r.name().equals(slo)).findFirst();
  }
}
