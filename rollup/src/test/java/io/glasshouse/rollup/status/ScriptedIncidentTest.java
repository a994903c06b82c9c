package io.glasshouse.rollup.status;

import static io.glasshouse.rollup.status.Fixtures.CHECKOUT;
import static io.glasshouse.rollup.status.Fixtures.SEARCH;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Hysteresis on a scripted incident: the board is evaluated every 10 s of a driven clock while checkout's
 * availability SLO goes through an outage that flaps, recovers, relapses into a slower burn and recovers.
 */
class ScriptedIncidentTest {
  private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
  private final ManualClock clock = new ManualClock(T0);
  private final StatusBoard board = new StatusBoard(StatusConfig.defaults(List.of(CHECKOUT, SEARCH)));

  /** Burn rate of checkout-availability in each minute of the script. */
  private static double script(int minute) {
    if (minute < 10) {
      return 0.5; // healthy
    }
    if (minute < 20) {
      return minute % 2 == 0 ? 20 : 0.5; // outage that flaps every minute
    }
    if (minute < 40) {
      return 0.5; // recovered
    }
    if (minute < 45) {
      return 7; // relapse into the slow page tier
    }
    return 0.5; // recovered for good
  }

  private record Seen(int second, ComponentStatus status, StatusRule rule) {
  }

  private List<Seen> run(IntFunction<Double> rateAtMinute, int minutes) {
    List<Seen> out = new ArrayList<>();
    for (int s = 0; s < minutes * 60; s += 10) {
      clock.set(T0.plusSeconds(s));
      StatusSnapshot snap = board.evaluate(List.of(CHECKOUT, SEARCH),
          Fixtures.checkoutBurning(rateAtMinute.apply(s / 60)), Map.of(), clock.instant());
      ComponentState c = snap.component("checkout").orElseThrow();
      out.add(new Seen(s, c.status(), c.reason().rule()));
      assertThat(snap.component("search").orElseThrow().status()).isEqualTo(ComponentStatus.OPERATIONAL);
    }
    return out;
  }

  private static ComponentStatus at(List<Seen> seen, int minute, int second) {
    return seen.get((minute * 60 + second) / 10).status();
  }

  @Test
  void worsensAtOnceAndImprovesOnlyAfterTheBetterConditionHeldTenMinutes() {
    List<Seen> seen = run(ScriptedIncidentTest::script, 70);

    assertThat(at(seen, 9, 50)).isEqualTo(ComponentStatus.OPERATIONAL);
    // the outage shows in the first evaluation that sees it
    assertThat(at(seen, 10, 0)).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    assertThat(seen.get(60).rule()).isEqualTo(StatusRule.AVAILABILITY_BURN_1H_5M);
    // flapping every minute never shows operational
    for (int m = 10; m < 20; m++) {
      assertThat(at(seen, m, 30)).as("minute %d", m).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    }
    // healthy from 19:00 on (minute 19 is odd): operational shows ten minutes later, at 29:00
    assertThat(at(seen, 28, 50)).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    assertThat(at(seen, 29, 0)).isEqualTo(ComponentStatus.OPERATIONAL);
    assertThat(seen.get((29 * 60) / 10).rule()).isEqualTo(StatusRule.ALL_CLEAR);
    // relapse into the slow tier: partial outage at once
    assertThat(at(seen, 39, 50)).isEqualTo(ComponentStatus.OPERATIONAL);
    assertThat(at(seen, 40, 0)).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
    assertThat(seen.get(40 * 6).rule()).isEqualTo(StatusRule.AVAILABILITY_BURN_6H_30M);
    assertThat(at(seen, 54, 50)).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
    assertThat(at(seen, 55, 0)).isEqualTo(ComponentStatus.OPERATIONAL);

    // exactly four transitions: up, down, up, down; no flapping
    int changes = 0;
    for (int i = 1; i < seen.size(); i++) {
      if (seen.get(i).status() != seen.get(i - 1).status()) {
        changes++;
      }
    }
    assertThat(changes).isEqualTo(4);
  }

  @Test
  void aHeldStatusSaysWhenItWillImproveAndKeepsTheRuleThatSetIt() {
    run(m -> m < 1 ? 20.0 : 0.5, 5);
    clock.set(T0.plus(Duration.ofMinutes(5)));
    ComponentState c = board.evaluate(List.of(CHECKOUT), Fixtures.checkoutBurning(0.5), Map.of(), clock.instant())
        .component("checkout").orElseThrow();
    assertThat(c.status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    assertThat(c.derived()).isEqualTo(ComponentStatus.OPERATIONAL);
    assertThat(c.reason().rule()).isEqualTo(StatusRule.AVAILABILITY_BURN_1H_5M);
    assertThat(c.reason().since()).isEqualTo(T0);
    assertThat(c.since()).isEqualTo(T0);
    assertThat(c.improvesAt()).isEqualTo(T0.plus(Duration.ofMinutes(11)));
  }

  @Test
  void aFlappingRecoveryImprovesOnlyAsFarAsItHeld() {
    // major, then ten minutes alternating partial and healthy: improves to partial, not operational
    run(m -> m < 1 ? 20.0 : (m % 2 == 0 ? 7.0 : 0.5), 12);
    clock.set(T0.plus(Duration.ofMinutes(12)));
    ComponentState c = board.evaluate(List.of(CHECKOUT), Fixtures.checkoutBurning(0.5), Map.of(), clock.instant())
        .component("checkout").orElseThrow();
    assertThat(c.status()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
    assertThat(c.reason().rule()).isEqualTo(StatusRule.AVAILABILITY_BURN_6H_30M);
  }
}
