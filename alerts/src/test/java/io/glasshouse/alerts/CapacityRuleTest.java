package io.glasshouse.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.alerts.rule.Candidate;
import io.glasshouse.alerts.rule.CapacityRule;
import io.glasshouse.alerts.rule.RuleSpec;
import io.glasshouse.rollup.capacity.CapacityIndicator;
import io.glasshouse.rollup.capacity.CapacityResult;
import io.glasshouse.rollup.capacity.CapacitySnapshot;
import io.glasshouse.rollup.forecast.Forecast;
import io.glasshouse.rollup.forecast.Forecaster;
import io.glasshouse.rollup.forecast.Series;
import io.glasshouse.rollup.query.Aggregation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Capacity exhaustion alerts from real forecasts of a disk filling at a steady rate. */
class CapacityRuleTest {
  static final Instant START = Instant.parse("2026-05-01T00:00:00Z");
  static final long STEP = Duration.ofMinutes(5).toMillis();
  static final double CAPACITY = 100e9;
  /** 1 GB an hour from 20 GB: full 80 h after START. */
  static final Instant FULL = START.plus(Duration.ofHours(80));

  static double used(long ms, Random noise) {
    return 20e9 + 1e9 * (ms - START.toEpochMilli()) / 3_600_000.0 + noise.nextGaussian() * 5e7;
  }

  /** The planner's snapshot at {@code now}: the real forecaster over the last two days, at a 5-minute step. */
  static CapacitySnapshot snapshot(Instant now, CapacityIndicator ind) {
    Random noise = new Random(now.toEpochMilli());
    long end = now.toEpochMilli();
    long start = Math.max(START.toEpochMilli(), end - Duration.ofDays(2).toMillis());
    int n = (int) ((end - start) / STEP);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.min(CAPACITY, used(start + (i + 1) * STEP, noise));
    }
    Series s = new Series(start + STEP, STEP, v);
    Forecast f = Forecaster.defaults().forecast(s, List.of(Duration.ofHours(1), Duration.ofHours(4),
        Duration.ofDays(1), Duration.ofDays(7)));
    double current = v[n - 1];
    return new CapacitySnapshot(ind, now, Optional.empty(), 3, CAPACITY, current,
        Optional.of(Instant.ofEpochMilli(s.timeAt(n - 1))), current / CAPACITY, Optional.of(f),
        Optional.of(f.timeToExhaustion(CAPACITY)), Optional.empty(), List.of(), 0, false, Optional.of(s));
  }

  @Test
  void aDiskFillingAtASteadyRatePagesAboutFourHoursBeforeItIsFull() {
    CapacityIndicator disk = new CapacityIndicator("db-disk", "db", "disk_used_bytes",
        Aggregation.parse("last", null, null), "", List.of(), CapacityIndicator.Capacity.absolute(CAPACITY), 1.0,
        Optional.of("bytes"));
    Instant firstPage = null;
    Instant firstTicket = null;
    Candidate page = null;
    for (Instant now = FULL.minus(Duration.ofHours(10)); now.isBefore(FULL); now = now.plus(Duration.ofMinutes(10))) {
      CapacitySnapshot snap = snapshot(now, disk);
      CapacityResult result = new CapacityResult(now, Duration.ZERO, List.of(snap));
      CapacityRule rule = new CapacityRule(RuleSpec.named("CapacityExhaustion"), () -> Optional.of(result), Set.of(),
          Duration.ofHours(4), Duration.ofDays(7), "page", "ticket");
      for (Candidate c : rule.evaluate(now).result()) {
        if (c.labels().get("tier").equals("ticket") && firstTicket == null) {
          firstTicket = now;
        }
        if (c.labels().get("tier").equals("page") && firstPage == null) {
          firstPage = now;
          page = c;
        }
      }
      if (firstPage != null) {
        break;
      }
    }
    assertThat(firstTicket).as("a ticket comes first").isNotNull();
    assertThat(firstPage).as("a page before the disk is full").isNotNull();
    Duration ahead = Duration.between(firstPage, FULL);
    assertThat(ahead).as("paged about 4 h before full, not after")
        .isBetween(Duration.ofHours(3).plusMinutes(30), Duration.ofHours(5));
    assertThat(page.annotations()).containsKeys("forecast_model", "exhaustion_upper80_at", "forecast", "capacity")
        .containsEntry("forecast_interval", "80%");
    assertThat(page.labels()).containsEntry("indicator", "db-disk").containsEntry("severity", "page");
  }
}
