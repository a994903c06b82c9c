package io.glasshouse.rollup.status;

import static io.glasshouse.rollup.status.Fixtures.CHECKOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Minutes per status per UTC day, and uptime with the default weights and maintenance left out. */
class DailyHistoryTest {
  private static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");
  private static final StatusConfig CONFIG = StatusConfig.defaults(List.of(CHECKOUT))
      .withImproveAfter(Duration.ZERO);

  /** The script of one day, minute by minute: 1h operational, 30 min major, 2 h partial, 1 h maintenance. */
  private static StatusInputs minute(int m) {
    if (m >= 60 && m < 90) {
      return Fixtures.checkoutBurning(20);
    }
    if (m >= 90 && m < 210) {
      return Fixtures.checkoutBurning(7);
    }
    if (m >= 210 && m < 270) {
      return Fixtures.healthy().withMaintenances(Set.of("checkout"));
    }
    return Fixtures.healthy();
  }

  private static StatusSnapshot runDay(StatusBoard board) {
    StatusSnapshot last = null;
    for (int m = 0; m <= 24 * 60; m++) {
      last = board.evaluate(List.of(CHECKOUT), minute(m), Map.of(), DAY.plus(Duration.ofMinutes(m)));
    }
    return last;
  }

  @Test
  void minutesInEachStatusAndUptimeWithDefaultWeightsExcludingMaintenance() {
    StatusBoard board = new StatusBoard(CONFIG);
    StatusSnapshot snap = runDay(board);
    List<DailyStatus> days = snap.history("checkout");
    assertThat(days).hasSize(90);
    assertThat(days.get(89).day()).isEqualTo(LocalDate.parse("2026-03-03"));
    DailyStatus d = days.get(88);
    assertThat(d.day()).isEqualTo(LocalDate.parse("2026-03-02"));
    assertThat(d.minutes(ComponentStatus.MAJOR_OUTAGE)).isEqualTo(30);
    assertThat(d.minutes(ComponentStatus.PARTIAL_OUTAGE)).isEqualTo(120);
    assertThat(d.minutes(ComponentStatus.UNDER_MAINTENANCE)).isEqualTo(60);
    assertThat(d.minutes(ComponentStatus.OPERATIONAL)).isEqualTo(1440 - 210);
    assertThat(d.observedMillis()).isEqualTo(Duration.ofDays(1).toMillis());
    // 100 × (1 − (30 × 1 + 120 × 0.3) / (1440 − 60))
    assertThat(d.uptimePercent(UptimeWeights.DEFAULT).orElseThrow()).isCloseTo(100 * (1 - 66.0 / 1380), within(1e-9));
    assertThat(d.worst()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    // weights are configurable
    assertThat(d.uptimePercent(new UptimeWeights(1, 0.5, 0.1)).orElseThrow())
        .isCloseTo(100 * (1 - 90.0 / 1380), within(1e-9));
    // a day nobody observed has no uptime, not 100%
    assertThat(days.get(0).uptimePercent(UptimeWeights.DEFAULT)).isEmpty();
  }

  @Test
  void aGapLongerThanTheMaximumCountsOnlyTheMaximum() {
    StatusBoard board = new StatusBoard(CONFIG);
    board.evaluate(List.of(CHECKOUT), Fixtures.healthy(), Map.of(), DAY);
    StatusSnapshot s = board.evaluate(List.of(CHECKOUT), Fixtures.healthy(), Map.of(), DAY.plus(Duration.ofHours(2)));
    assertThat(s.history("checkout").get(89).observedMillis()).isEqualTo(board.maxGap().toMillis());
  }

  @Test
  void daysSplitAtUtcMidnight() {
    StatusBoard board = new StatusBoard(CONFIG);
    Instant before = DAY.minusSeconds(20);
    board.evaluate(List.of(CHECKOUT), Fixtures.checkoutBurning(20), Map.of(), before);
    StatusSnapshot s = board.evaluate(List.of(CHECKOUT), Fixtures.checkoutBurning(20), Map.of(),
        DAY.plusSeconds(10));
    List<DailyStatus> h = s.history("checkout");
    assertThat(h.get(88).millis(ComponentStatus.MAJOR_OUTAGE)).isEqualTo(20_000);
    assertThat(h.get(89).millis(ComponentStatus.MAJOR_OUTAGE)).isEqualTo(10_000);
  }
}
