package io.glasshouse.rollup.slo;

import java.time.Duration;
import java.util.List;

/**
 * One multi-window, multi-burn-rate alert of the SRE workbook (chapter 5, "Alerting on SLOs"): fire when the burn
 * rate over both {@code longWindow} and {@code shortWindow} is at least {@code factor}. {@code factor} is the rate
 * that spends {@code budgetConsumed} of the budget in {@code longWindow}: {@code budgetConsumed × sloWindow /
 * longWindow}, so the factors scale with the SLO's window (14.4, 6, 3, 1 for 30 days).
 *
 * @param severity      {@code page} or {@code ticket}
 * @param longWindow    the window the budget share is spent in
 * @param shortWindow   one twelfth of it, so the alert resets soon after the burn stops
 * @param factor        the burn rate threshold
 * @param budgetConsumed the share of the whole budget a burn at {@code factor} spends in {@code longWindow}
 */
public record BurnRateAlert(String severity, Duration longWindow, Duration shortWindow, double factor,
    double budgetConsumed) {

  /** The workbook's four alerts (page 2% in 1 h and 5% in 6 h; ticket 10% in 1 d and 10% in 3 d) for a window. */
  public static List<BurnRateAlert> workbook(Duration sloWindow) {
    return List.of(
        of("page", Duration.ofHours(1), Duration.ofMinutes(5), 0.02, sloWindow),
        of("page", Duration.ofHours(6), Duration.ofMinutes(30), 0.05, sloWindow),
        of("ticket", Duration.ofDays(1), Duration.ofHours(2), 0.10, sloWindow),
        of("ticket", Duration.ofDays(3), Duration.ofHours(6), 0.10, sloWindow));
  }

  private static BurnRateAlert of(String severity, Duration longW, Duration shortW, double consumed, Duration slo) {
    double factor = consumed * slo.toMillis() / (double) longW.toMillis();
    return new BurnRateAlert(severity, longW, shortW, Math.round(factor * 1e9) / 1e9, consumed);
  }

  /** The share of the budget a burn at {@code rate} spends over {@code span} of an SLO window {@code sloWindow}. */
  public static double budgetSpent(double rate, Duration span, Duration sloWindow) {
    return rate * span.toMillis() / (double) sloWindow.toMillis();
  }
}
