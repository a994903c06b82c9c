package io.glasshouse.alerts;

import io.glasshouse.alerts.rule.BurnRates;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

/**
 * Test fixture (not production): burn rates computed exactly from good/total event counts per simulated minute,
 * with prefix sums so any window is O(1).
 */
final class MinuteBurnRates implements BurnRates {
  final Instant start;
  final double target;
  final Duration sloWindow;
  final long[] good;
  final long[] total;
  private long[] goodSum;
  private long[] totalSum;

  MinuteBurnRates(Instant start, int minutes, double target, Duration sloWindow) {
    this.start = start;
    this.target = target;
    this.sloWindow = sloWindow;
    this.good = new long[minutes];
    this.total = new long[minutes];
  }

  /** Every minute in [from, to) gets {@code perMinute} events with errors drawn at {@code errorRatio}. */
  MinuteBurnRates fill(int from, int to, long perMinute, double errorRatio, Random random) {
    for (int m = from; m < to; m++) {
      long errors = 0;
      if (errorRatio >= 1) {
        errors = perMinute;
      } else if (errorRatio > 0) {
        for (long i = 0; i < perMinute; i++) {
          if (random.nextDouble() < errorRatio) {
            errors++;
          }
        }
      }
      total[m] = perMinute;
      good[m] = perMinute - errors;
    }
    goodSum = null;
    return this;
  }

  Instant minute(int m) {
    return start.plus(Duration.ofMinutes(m));
  }

  private void sums() {
    if (goodSum == null) {
      goodSum = new long[good.length + 1];
      totalSum = new long[total.length + 1];
      for (int i = 0; i < good.length; i++) {
        goodSum[i + 1] = goodSum[i] + good[i];
        totalSum[i + 1] = totalSum[i] + total[i];
      }
    }
  }

  /** Minutes that ended at or before {@code at}, within the window. */
  private long[] window(Duration window, Instant at) {
    sums();
    int end = (int) Math.min(good.length, Math.max(0, Duration.between(start, at).toMinutes()));
    int begin = (int) Math.max(0, end - window.toMinutes());
    return new long[] {goodSum[end] - goodSum[begin], totalSum[end] - totalSum[begin]};
  }

  @Override
  public double burnRate(String slo, Duration window, Instant at) {
    long[] w = window(window, at);
    if (w[1] == 0) {
      return Double.NaN;
    }
    return ((double) (w[1] - w[0]) / w[1]) / (1 - target);
  }

  @Override
  public Optional<Budget> budget(String slo, Instant at) {
    long[] w = window(sloWindow, at);
    if (w[1] == 0) {
      return Optional.empty();
    }
    return Optional.of(new Budget(target, sloWindow, (w[1] - w[0]) / (w[1] * (1 - target))));
  }
}
