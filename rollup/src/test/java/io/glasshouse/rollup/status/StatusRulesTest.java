package io.glasshouse.rollup.status;

import static io.glasshouse.rollup.status.Fixtures.CHECKOUT;
import static io.glasshouse.rollup.status.Fixtures.burning;
import static io.glasshouse.rollup.status.Fixtures.inputs;
import static io.glasshouse.rollup.status.Fixtures.live;
import static io.glasshouse.rollup.status.Fixtures.rates;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusRulesTest {
  private final StatusRules rules = new StatusRules(StatusConfig.defaults(List.of()));

  private List<StatusReason> derive(SloBurn... slos) {
    return rules.derive(CHECKOUT, inputs(List.of(slos), List.of(live("checkout-svc", 2)), Set.of()));
  }

  @Test
  void availabilityBurningAtFastPageSpeedInBothWindowsIsMajorOutageWithItsFigures() {
    List<StatusReason> r = derive(rates("checkout-availability", SloCategory.AVAILABILITY,
        BurnWindow.H1, 20.0, BurnWindow.M5, 30.0));
    assertThat(r).hasSize(1);
    StatusReason reason = r.get(0);
    assertThat(reason.status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    assertThat(reason.rule()).isEqualTo(StatusRule.AVAILABILITY_BURN_1H_5M);
    assertThat(reason.slo()).isEqualTo("checkout-availability");
    assertThat(reason.longWindow()).isEqualTo(BurnWindow.H1);
    assertThat(reason.shortWindow()).isEqualTo(BurnWindow.M5);
    assertThat(reason.longBurnRate()).isEqualTo(20.0);
    assertThat(reason.shortBurnRate()).isEqualTo(30.0);
    assertThat(reason.threshold()).isEqualTo(14.4);
    assertThat(reason.budgetRemaining()).isEqualTo(0.5);
    assertThat(reason.summary()).contains("checkout-availability", "20.0x over 1h", "30.0x over 5m");
  }

  @Test
  void fastBurnNeedsBothWindowsAboveTheThreshold() {
    // 1h high but the 5m window has recovered: the fast rule resets quickly, as in the SRE workbook.
    assertThat(derive(rates("checkout-availability", SloCategory.AVAILABILITY,
        BurnWindow.H1, 20.0, BurnWindow.M5, 2.0))).isEmpty();
    // exactly at the threshold does not fire ("above")
    assertThat(derive(rates("checkout-availability", SloCategory.AVAILABILITY,
        BurnWindow.H1, 14.4, BurnWindow.M5, 14.4))).isEmpty();
    // an undefined window (no traffic) never fires
    assertThat(derive(rates("checkout-availability", SloCategory.AVAILABILITY, BurnWindow.H1, 50.0))).isEmpty();
  }

  @Test
  void availabilityBurningAtSlowPageSpeedIsPartialOutage() {
    List<StatusReason> r = derive(rates("checkout-availability", SloCategory.AVAILABILITY,
        BurnWindow.H6, 7.0, BurnWindow.M30, 8.0, BurnWindow.H1, 7.0, BurnWindow.M5, 7.0));
    assertThat(r).extracting(StatusReason::status).containsExactly(ComponentStatus.PARTIAL_OUTAGE);
    assertThat(r.get(0).rule()).isEqualTo(StatusRule.AVAILABILITY_BURN_6H_30M);
    assertThat(r.get(0).longWindow()).isEqualTo(BurnWindow.H6);
    assertThat(r.get(0).shortWindow()).isEqualTo(BurnWindow.M30);
  }

  @Test
  void latencySloBurningAtEitherPageSpeedIsDegradedPerformance() {
    assertThat(derive(burning("checkout-latency", SloCategory.LATENCY, 20)))
        .extracting(StatusReason::status, StatusReason::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ComponentStatus.DEGRADED_PERFORMANCE,
            StatusRule.LATENCY_BURN_1H_5M));
    assertThat(derive(rates("checkout-latency", SloCategory.LATENCY, BurnWindow.H6, 7.0, BurnWindow.M30, 7.0)))
        .extracting(StatusReason::rule).containsExactly(StatusRule.LATENCY_BURN_6H_30M);
  }

  @Test
  void slowBurnsAreTicketsAndChangeNoStatus() {
    // 1d/2h above 3 and 3d/6h above 1 are the workbook's ticket tiers: nothing a customer should see.
    assertThat(derive(rates("checkout-availability", SloCategory.AVAILABILITY, BurnWindow.D1, 5.0,
        BurnWindow.H2, 5.0, BurnWindow.D3, 2.0, BurnWindow.H6, 2.0, BurnWindow.M30, 2.0))).isEmpty();
  }

  @Test
  void noLiveInstanceOfAServiceThatShouldHaveSomeIsMajorOutage() {
    List<StatusReason> r = rules.derive(CHECKOUT, inputs(List.of(), List.of(live("checkout-svc", 0)), Set.of()));
    assertThat(r).extracting(StatusReason::rule).containsExactly(StatusRule.NO_LIVE_INSTANCE);
    assertThat(r.get(0).status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    assertThat(r.get(0).service()).isEqualTo("checkout-svc");
    // not expected yet (start-up grace): no verdict
    assertThat(rules.derive(CHECKOUT, inputs(List.of(), List.of(new ServiceLiveness("checkout-svc", 0, false)),
        Set.of()))).isEmpty();
  }

  @Test
  void everyFiringRuleIsListedWorstFirst() {
    List<StatusReason> r = rules.derive(CHECKOUT, inputs(List.of(
        burning("checkout-latency", SloCategory.LATENCY, 20),
        rates("checkout-availability", SloCategory.AVAILABILITY, BurnWindow.H6, 7.0, BurnWindow.M30, 7.0)),
        List.of(live("checkout-svc", 0)), Set.of()));
    assertThat(r).extracting(StatusReason::status).containsExactly(ComponentStatus.MAJOR_OUTAGE,
        ComponentStatus.PARTIAL_OUTAGE, ComponentStatus.DEGRADED_PERFORMANCE);
    assertThat(rules.status(CHECKOUT, inputs(List.of(), List.of(), Set.of()))).isEqualTo(ComponentStatus.OPERATIONAL);
  }

  @Test
  void sloOrServiceNotInTheComponentDoesNotAffectIt() {
    assertThat(rules.derive(CHECKOUT, inputs(List.of(burning("search-availability", SloCategory.AVAILABILITY, 99)),
        List.of(live("search-svc", 0)), Set.of()))).isEmpty();
  }
}
