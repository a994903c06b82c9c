package io.glasshouse.rollup.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SRE workbook's table for a 30-day 99.9% SLO (chapter 5, table 5-8). */
class WorkbookBurnRateTest {
  static final Duration DAYS_30 = Duration.ofDays(30);

  @Test
  void workbookFactorsFor30Days() {
    List<BurnRateAlert> alerts = BurnRateAlert.workbook(DAYS_30);
    assertThat(alerts).extracting(BurnRateAlert::factor).containsExactly(14.4, 6.0, 3.0, 1.0);
    assertThat(alerts).extracting(BurnRateAlert::longWindow).containsExactly(Duration.ofHours(1),
        Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3));
    assertThat(alerts).extracting(BurnRateAlert::shortWindow).containsExactly(Duration.ofMinutes(5),
        Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(6));
    assertThat(alerts).extracting(BurnRateAlert::severity).containsExactly("page", "page", "ticket", "ticket");
    // factors scale with the window: a 7-day SLO pages at 2% of its budget in 1 h, i.e. burn 3.36
    assertThat(BurnRateAlert.workbook(Duration.ofDays(7)).get(0).factor()).isCloseTo(3.36, within(1e-9));
  }

  @Test
  void eachFactorSpendsItsShareOfTheBudgetOverItsLongWindow() {
    SloDefinition d = SloEvaluatorTest.rolling(DAYS_30, 0.999);
    long asOf = Instant.parse("2026-06-30T00:00:00Z").toEpochMilli();
    for (BurnRateAlert a : BurnRateAlert.workbook(DAYS_30)) {
      long burnFrom = asOf - a.longWindow().toMillis();
      // burning at the factor: error ratio = factor × budget ratio; 10,000 requests a minute, so whole counts
      double badPerMinute = Math.round(a.factor() * 0.001 * 10_000);
      MinuteCounts c = Counts.covering(d, asOf)
          .each(asOf - DAYS_30.toMillis(), burnFrom, 10_000, 10_000)
          .each(burnFrom, asOf, 10_000 - badPerMinute, 10_000)
          .build();
      SloReport r = SloEvaluator.evaluate(d, c, asOf);
      assertThat(r.burnRate(a.longWindow()).get()).as("burn over %s", a.longWindow())
          .isCloseTo(a.factor(), within(1e-9));
      assertThat(r.burnRate(a.shortWindow()).get()).isCloseTo(a.factor(), within(1e-9));
      assertThat(1 - r.budgetRemaining()).as("budget spent at %s over %s", a.factor(), a.longWindow())
          .isCloseTo(a.budgetConsumed(), within(1e-9));
      assertThat(BurnRateAlert.budgetSpent(a.factor(), a.longWindow(), DAYS_30))
          .isCloseTo(a.budgetConsumed(), within(1e-12));
    }
  }
}
