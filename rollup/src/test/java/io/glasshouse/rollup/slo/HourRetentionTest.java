package io.glasshouse.rollup.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.engine.RollupConfig;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 9: the hour retention calendar SLOs need, and the default that covers the longest of them. */
class HourRetentionTest {
  private static SloDefinition calendar(String name, SloWindow.Unit unit, String zone) {
    return new SloDefinition(name, "svc", SloEvaluatorTest.RATIO, 0.99, SloWindow.Calendar.of(unit, ZoneId.of(zone)),
        new Budgeting.Occurrences(), Map.of(), "", "");
  }

  @Test
  void aBerlinQuarterNeedsNinetyTwoDaysAndItsClockChangeAndThePurgeMargin() {
    var q = (SloWindow.Calendar) calendar("q", SloWindow.Unit.QUARTER, "Europe/Berlin").window();
    assertThat(HourRetention.needed(q)).isEqualTo(Duration.ofDays(92).plusHours(2));
    var utc = (SloWindow.Calendar) calendar("q", SloWindow.Unit.QUARTER, "UTC").window();
    assertThat(HourRetention.needed(utc)).isEqualTo(Duration.ofDays(92).plusHours(1));
  }

  @Test
  void theDefaultHourRetentionCoversEveryCalendarWindowInTheFurthestZones() {
    List<SloDefinition> slos = List.of(calendar("a", SloWindow.Unit.QUARTER, "Europe/Berlin"),
        calendar("b", SloWindow.Unit.QUARTER, "Pacific/Kiritimati"), calendar("c", SloWindow.Unit.QUARTER,
            "Pacific/Pago_Pago"), calendar("d", SloWindow.Unit.QUARTER, "Australia/Lord_Howe"),
        calendar("e", SloWindow.Unit.MONTH, "America/New_York"), calendar("f", SloWindow.Unit.WEEK, "Asia/Tokyo"));
    assertThat(HourRetention.check(slos, RollupConfig.HOURS_RETENTION)).isEmpty();
  }

  @Test
  void aShorterHourRetentionIsReportedNamingTheSettingTheSloAndWhatToRaiseItTo() {
    List<SloDefinition> slos = List.of(calendar("checkout-q", SloWindow.Unit.QUARTER, "Europe/Berlin"),
        calendar("checkout-m", SloWindow.Unit.MONTH, "Europe/Berlin"));
    List<String> msgs = HourRetention.check(slos, Duration.ofDays(90));
    assertThat(msgs).hasSize(1);
    assertThat(msgs.get(0)).contains("rollup.retention.hours (90d)").contains("SLO 'checkout-q'")
        .contains("calendar quarter in Europe/Berlin").contains("at least 92d2h");
  }
}
