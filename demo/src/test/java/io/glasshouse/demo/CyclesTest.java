package io.glasshouse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CyclesTest {
  private static final Duration DAY = Duration.ofHours(24);

  @Test
  void dailyCyclePeaksInTheAfternoonAndBottomsOutBeforeDawn() {
    Instant wednesday = Instant.parse("2024-01-03T00:00:00Z");
    assertThat(Cycles.daily(wednesday.plus(Duration.ofHours(4)), DAY)).isCloseTo(0.25, within(1e-9));
    assertThat(Cycles.daily(wednesday.plus(Duration.ofHours(16)), DAY)).isCloseTo(1.0, within(1e-9));
    assertThat(Cycles.daily(wednesday.plus(Duration.ofHours(10)), DAY)).isBetween(0.5, 0.75);
  }

  @Test
  void weekendsAreQuieterThanWeekdays() {
    Instant saturday = Instant.parse("2024-01-06T16:00:00Z");
    Instant friday = Instant.parse("2024-01-05T16:00:00Z");
    assertThat(Cycles.dayOfWeek(saturday, DAY)).isEqualTo(5);
    assertThat(Cycles.dayOfWeek(Instant.parse("2024-01-01T12:00:00Z"), DAY)).isZero(); // a Monday
    assertThat(Cycles.load(saturday, saturday, DAY)).isCloseTo(Cycles.WEEKEND * Cycles.load(friday, friday, DAY),
        within(1e-9));
  }

  @Test
  void aCompressedDayKeepsTheShapeOfTheRealOne() {
    Duration tenMinutes = Duration.ofMinutes(10);
    Instant start = Instant.ofEpochMilli(tenMinutes.toMillis() * 1000); // the start of a simulated day
    assertThat(Cycles.hourOfDay(start.plus(Duration.ofMinutes(5)), tenMinutes)).isCloseTo(12, within(1e-9));
    assertThat(Cycles.daily(start.plus(tenMinutes.multipliedBy(16).dividedBy(24)), tenMinutes))
        .isCloseTo(1.0, within(1e-9));
  }

  @Test
  void demandGrowsSlowlyOverTheDays() {
    Instant start = Instant.parse("2024-01-03T16:00:00Z");
    Instant weekLater = start.plus(Duration.ofDays(7));
    assertThat(Cycles.load(weekLater, start, DAY) / Cycles.load(start, start, DAY))
        .isCloseTo(1 + 7 * Cycles.GROWTH_PER_DAY, within(1e-9));
  }

  @Test
  void checkoutDiskRunsOutWithinDaysWhileTheOthersLastMonths() {
    ServiceProfile checkout = ServiceProfile.forName("checkout");
    assertThat(checkout.daysUntilDiskFull()).isBetween(2.0, 7.0);
    assertThat(checkout.diskFraction(0)).isLessThan(0.8);
    assertThat(checkout.diskFraction(checkout.daysUntilDiskFull() + 1)).isEqualTo(0.999);
    for (String other : new String[] {"search", "accounts", "anything-else"}) {
      assertThat(ServiceProfile.forName(other).daysUntilDiskFull()).as(other).isGreaterThan(60);
    }
  }

  @Test
  void poissonCountsHaveTheRequestedMean() {
    Random random = new Random(1);
    for (double mean : new double[] {0.3, 4, 100}) {
      long sum = 0;
      int n = 20_000;
      for (int i = 0; i < n; i++) {
        sum += Cycles.poisson(random, mean);
      }
      assertThat((double) sum / n).as("mean %s", mean).isCloseTo(mean, within(mean * 0.05 + 0.01));
    }
    assertThat(Cycles.poisson(random, 0)).isZero();
  }

  @Test
  void nextPatchVersionBumpsTheLastNumber() {
    assertThat(ServiceProfile.nextPatch("2.3.1")).isEqualTo("2.3.2");
    assertThat(ServiceProfile.nextPatch("5.12.9")).isEqualTo("5.12.10");
    assertThat(ServiceProfile.nextPatch("main")).isEqualTo("main-next");
  }
}
