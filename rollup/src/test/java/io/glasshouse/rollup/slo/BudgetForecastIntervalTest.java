package io.glasshouse.rollup.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: the budget's run-out at forecast traffic comes with the forecast's 80% interval (upper traffic runs it
 * out earliest, lower traffic latest) and the model that made the forecast, in the report and its JSON.
 */
class BudgetForecastIntervalTest {
  private static final long HOUR = 3_600_000L;
  private static final long MIN = 60_000L;
  private static final long ASOF = Instant.parse("2026-11-28T12:00:00Z").toEpochMilli(); // a Saturday

  /** Four weeks and more of hours with a weekly pattern and seeded noise, the last day in minutes. */
  private static MinuteCounts weeklyTraffic(double recentErrorRatio) {
    long from = ASOF - Duration.ofDays(30).toMillis();
    long fine = ASOF - Duration.ofDays(1).toMillis();
    Random noise = new Random(7);
    MinuteCounts.Builder c = new MinuteCounts.Builder(from, ASOF);
    for (long h = from; h < ASOF; h += HOUR) {
      DayOfWeek day = Instant.ofEpochMilli(h).atZone(ZoneOffset.UTC).getDayOfWeek();
      boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
      double events = (weekend ? 600 : 6_000) * (1 + 0.15 * noise.nextGaussian());
      double errors = h >= ASOF - HOUR ? recentErrorRatio : 0.001;
      if (h < fine) {
        c.add(h, events * (1 - errors), events);
      } else {
        for (int m = 0; m < 60; m++) {
          c.add(h + m * MIN, events / 60 * (1 - errors), events / 60);
        }
      }
    }
    return c.build(fine, from, null);
  }

  private static SloReport evaluate(SloDefinition d, MinuteCounts c) {
    Object p = TrafficForecasts.project(c, ASOF, Duration.ofDays(7));
    assertThat(p).isInstanceOf(TrafficProjection.class);
    return SloEvaluator.evaluate(d, c, ASOF, (TrafficProjection) p, null);
  }

  private static SloDefinition weekly() {
    return new SloDefinition("s", "svc", SloEvaluatorTest.RATIO, 0.99, new SloWindow.Rolling(Duration.ofDays(7)),
        new Budgeting.Occurrences(), Map.of(), "", "");
  }

  @Test
  void theRunOutAtForecastTrafficHasAnIntervalAroundThePointAndTheModel() {
    SloReport r = evaluate(weekly(), weeklyTraffic(0.05));
    SloReport.Exhaustion e = r.exhaustion();
    assertThat(e.atForecastTraffic()).as(e.forecastNote()).isNotNull();
    assertThat(e.atForecastTrafficEarliest()).isNotNull();
    assertThat(e.atForecastTrafficEarliest()).isBeforeOrEqualTo(e.atForecastTraffic());
    assertThat(e.atForecastTrafficLatest()).as("the lower traffic bound also runs it out within the week")
        .isNotNull();
    assertThat(e.atForecastTrafficLatest()).isAfterOrEqualTo(e.atForecastTraffic());
    assertThat(e.atForecastTrafficEarliest()).as("the interval has width: the history is noisy")
        .isBefore(e.atForecastTrafficLatest());
    assertThat(e.forecastModel()).isNotBlank();
    assertThat(e.forecastNote()).contains(e.forecastModel());
  }

  @Test
  void theIntervalAndModelAreInTheReadApiJson() {
    SloReport r = evaluate(weekly(), weeklyTraffic(0.05));
    JsonObject ex = SloReportJson.summary(r).getJsonObject("exhaustion");
    assertThat(ex.getString("atForecastTrafficEarliest"))
        .isEqualTo(r.exhaustion().atForecastTrafficEarliest().toString());
    assertThat(ex.getString("atForecastTrafficLatest")).isEqualTo(r.exhaustion().atForecastTrafficLatest().toString());
    assertThat(ex.getDouble("forecastInterval")).isEqualTo(0.8);
    assertThat(ex.getString("forecastModel")).isEqualTo(r.exhaustion().forecastModel());
  }

  @Test
  void withoutAForecastBothBoundsAreThePointAndThereIsNoModel() {
    SloReport r = SloEvaluator.evaluate(weekly(), weeklyTraffic(0.05), ASOF);
    SloReport.Exhaustion e = r.exhaustion();
    assertThat(e.atForecastTrafficEarliest()).isEqualTo(e.atForecastTraffic());
    assertThat(e.atForecastTrafficLatest()).isEqualTo(e.atForecastTraffic());
    assertThat(e.forecastModel()).isNull();
  }
}
