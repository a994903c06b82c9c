package io.glasshouse.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.alerts.rule.BurnRateRule;
import io.glasshouse.alerts.rule.Candidate;
import io.glasshouse.alerts.rule.RuleSpec;
import io.glasshouse.alerts.state.Alert;
import io.glasshouse.alerts.state.AlertState;
import io.glasshouse.alerts.state.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The workbook's multi-window, multi-burn-rate alerts on a simulated fleet, with a driven clock. */
class BurnRateRuleTest {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final int DAY = 1440;
  static final Duration MONTH = Duration.ofDays(30);

  static BurnRateRule rule(MinuteBurnRates rates) {
    return new BurnRateRule(RuleSpec.named("SloErrorBudgetBurn"), "checkout-availability", MONTH,
        List.of(BurnRateRule.page(), BurnRateRule.ticket()), rates);
  }

  /** Evaluates every {@code stepMinutes} from minute {@code from} to {@code to}; the alert states seen per tier. */
  static final class Run {
    final Map<String, Alert> alerts = new HashMap<>();
    Integer firstPage;
    Alert firstPageAlert;
    Integer pageResolved;
    Integer firstTicket;
    int pages;

    void evaluate(BurnRateRule r, MinuteBurnRates rates, int from, int to, int stepMinutes) {
      for (int m = from; m <= to; m += stepMinutes) {
        Instant now = rates.minute(m);
        List<Candidate> c = r.evaluate(now).result();
        Map<String, Alert> next = Lifecycle.step(r.name(), Duration.ZERO, Duration.ZERO, c, alerts, now, "");
        for (Alert a : next.values()) {
          Alert before = alerts.get(a.fingerprint());
          boolean newlyFiring = a.firing() && (before == null || !before.firing());
          String tier = a.labels().get("tier");
          if (newlyFiring && tier.equals("page")) {
            pages++;
            if (firstPage == null) {
              firstPage = m;
              firstPageAlert = a;
            }
          }
          if (newlyFiring && tier.equals("ticket") && firstTicket == null) {
            firstTicket = m;
          }
          if (a.state() == AlertState.RESOLVED && before != null && before.firing() && tier.equals("page")) {
            pageResolved = m;
          }
        }
        alerts.clear();
        alerts.putAll(next);
      }
    }
  }

  @Test
  void workbookFactorsForA30DayWindow() {
    assertThat(BurnRateRule.page().pairs().get(0).factor(MONTH)).isCloseTo(14.4, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(BurnRateRule.page().pairs().get(1).factor(MONTH)).isCloseTo(6, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(BurnRateRule.ticket().pairs().get(0).factor(MONTH)).isCloseTo(3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(BurnRateRule.ticket().pairs().get(1).factor(MONTH)).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(BurnRateRule.page().pairs().get(0).factor(Duration.ofDays(7))).isCloseTo(3.36,
        org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aTotalOutageOfA999SloPagesWithinAboutAMinuteAndResolvesWhenItEnds() {
    int outage = 31 * DAY;
    MinuteBurnRates rates = new MinuteBurnRates(START, 32 * DAY, 0.999, MONTH)
        .fill(0, 32 * DAY, 1000, 0.0005, new Random(7))
        .fill(outage, outage + 30, 1000, 1.0, null);
    BurnRateRule r = rule(rates);
    Run run = new Run();
    run.evaluate(r, rates, outage, outage + 90, 1);
    assertThat(run.firstPage).as("page within about a minute").isNotNull().isLessThanOrEqualTo(outage + 1);
    // The 6h/30m pair keeps paging until the outage has left the 30-minute window: 30 min after it ends.
    assertThat(run.pageResolved).as("the page resolves after the outage").isNotNull()
        .isBetween(outage + 30, outage + 61);
    Alert page = run.firstPageAlert;
    assertThat(page.annotations()).containsEntry("window_pair", "1h/5m").containsKeys("budget_consumed",
        "budget_exhausted_at", "burn_rate_long");
    assertThat(page.annotations().get("summary")).contains("runs out");
  }

  @Test
  void aSlowBurnAtTwiceTheBudgetRateOpensATicketAndNeverPages() {
    int burnFrom = 30 * DAY;
    MinuteBurnRates rates = new MinuteBurnRates(START, 34 * DAY, 0.999, MONTH)
        .fill(0, burnFrom, 1000, 0.0005, new Random(11))
        .fill(burnFrom, 34 * DAY, 1000, 0.002, new Random(12));
    Run run = new Run();
    run.evaluate(rule(rates), rates, burnFrom, 34 * DAY, 5);
    assertThat(run.firstTicket).as("a ticket opens").isNotNull();
    assertThat(run.pages).as("never a page").isZero();
  }

  @Test
  void aHealthyFleetWithNoiseAt9995RaisesNoPageOver30Days() {
    MinuteBurnRates rates = new MinuteBurnRates(START, 33 * DAY, 0.999, MONTH)
        .fill(0, 33 * DAY, 1000, 0.0005, new Random(42));
    Run run = new Run();
    run.evaluate(rule(rates), rates, 3 * DAY, 33 * DAY, 5);
    assertThat(run.pages).isZero();
    assertThat(run.firstTicket).isNull();
  }

  @Test
  void aTurnedOffTierNeverFiresAndSeveritiesAreConfigurable() {
    int outage = 31 * DAY;
    MinuteBurnRates rates = new MinuteBurnRates(START, 32 * DAY, 0.999, MONTH)
        .fill(0, 32 * DAY, 100, 0, null).fill(outage, outage + 120, 100, 1.0, null);
    BurnRateRule r = new BurnRateRule(RuleSpec.named("Burn"), "slo", MONTH,
        List.of(BurnRateRule.page().enabled(false), BurnRateRule.ticket().withSeverity("warning")), rates);
    List<Candidate> c = r.evaluate(rates.minute(outage + 120)).result();
    assertThat(c).hasSize(1);
    assertThat(c.get(0).labels()).containsEntry("tier", "ticket").containsEntry("severity", "warning");
  }
}
