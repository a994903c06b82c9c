package io.glasshouse.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * The shape of demand over time. A simulated day has the configured length; the clock's epoch is midnight UTC of
 * a Thursday (1970-01-01), so with real 24 h days the busy hours and the weekend fall where they do in UTC.
 */
final class Cycles {
  private Cycles() {
  }

  /** Hour of the simulated day with the least traffic. */
  static final double TROUGH_HOUR = 4;
  /** Weekend traffic relative to weekdays. */
  static final double WEEKEND = 0.65;
  /** Growth of the business per simulated day since the fleet started. */
  static final double GROWTH_PER_DAY = 0.01;

  /** Simulated days elapsed between two instants. */
  static double days(Instant from, Instant to, Duration dayLength) {
    return (double) Duration.between(from, to).toMillis() / dayLength.toMillis();
  }

  /** Position in the simulated day, in hours (0 ≤ h &lt; 24). */
  static double hourOfDay(Instant t, Duration dayLength) {
    long day = dayLength.toMillis();
    return 24.0 * Math.floorMod(t.toEpochMilli(), day) / day;
  }

  /** Day of the simulated week, 0 = Monday … 6 = Sunday. */
  static int dayOfWeek(Instant t, Duration dayLength) {
    long days = Math.floorDiv(t.toEpochMilli(), dayLength.toMillis());
    return Math.floorMod(days + 3, 7); // day 0 was a Thursday
  }

  /** Daily cycle: 0.25 at {@link #TROUGH_HOUR}, 1.0 twelve hours later, a smooth cosine between. */
  static double daily(Instant t, Duration dayLength) {
    double phase = (hourOfDay(t, dayLength) - TROUGH_HOUR) / 24.0;
    return 0.25 + 0.75 * (1 - Math.cos(2 * Math.PI * phase)) / 2;
  }

  /** Weekly cycle: 1 on weekdays, {@link #WEEKEND} on Saturday and Sunday. */
  static double weekly(Instant t, Duration dayLength) {
    return dayOfWeek(t, dayLength) >= 5 ? WEEKEND : 1.0;
  }

  /**
   * Demand relative to a weekday peak at the fleet's start: daily cycle × weekly cycle × slow growth. Near 1 at a
   * weekday afternoon, about 0.16 on a weekend night.
   */
  static double load(Instant t, Instant fleetStart, Duration dayLength) {
    double growth = 1 + GROWTH_PER_DAY * Math.max(0, days(fleetStart, t, dayLength));
    return daily(t, dayLength) * weekly(t, dayLength) * growth;
  }

  /**
   * Like {@link #load}, but also before the fleet's start: the growth trend runs backwards (1 % less per simulated
   * day before the start, never below a tenth), so history written before the start joins the live data at the
   * start. Equal to {@link #load} from the start on.
   */
  static double loadAt(Instant t, Instant fleetStart, Duration dayLength) {
    double growth = Math.max(0.1, 1 + GROWTH_PER_DAY * days(fleetStart, t, dayLength));
    return daily(t, dayLength) * weekly(t, dayLength) * growth;
  }

  /** A Poisson-distributed count with mean {@code mean} (normal approximation above 30). */
  static int poisson(Random random, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double p = random.nextDouble();
    int k = 0;
    while (p > limit) {
      p *= random.nextDouble();
      k++;
    }
    return k;
  }
}
