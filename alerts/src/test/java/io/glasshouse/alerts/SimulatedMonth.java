package io.glasshouse.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Test fixture: a simulated month (31 days from the epoch, one sample a minute) of SLI traffic for a 99.9% / 30-day
 * SLO, 1,000 requests a minute with 0.05% seeded errors, and scripted incidents of known start and end: fast burns,
 * slow burns, blips that should not page, and a disk filling at a steady rate. The blips come more than three days
 * after the last burn, so that the ticket tier's 3-day window no longer sees it. Minute {@code m} is the instant
 * {@code m} minutes after the epoch, which is also {@code promtool}'s time {@code m}m, so both sides read the same
 * counts at the same times.
 */
final class SimulatedMonth {
  static final int DAY = 1440;
  static final int MINUTES = 31 * DAY;
  static final double TARGET = 0.999;
  static final Duration SLO_WINDOW = Duration.ofDays(30);
  static final long PER_MINUTE = 1000;
  static final double NOISE = 0.0005;
  /** The disk: 100 GB, 20 GB used, filling at 1 GB an hour from {@link #FILL_START} until full. */
  static final double DISK_SIZE = 100e9;
  static final double DISK_BASE = 20e9;
  static final int FILL_START = 21 * DAY;
  static final int FULL = FILL_START + 80 * 60;

  /**
   * One scripted incident: minutes [start, end), the error ratio (or traffic multiple for a spike), and what an
   * on-call engineer should get: {@code page}, {@code ticket} or {@code none}.
   */
  record Incident(String id, String what, int start, int end, double errorRatio, long perMinute, String expected) {
    /** Where its alerts are looked for: from its start until {@code horizon} after its end. */
    int until() {
      return end + HORIZON;
    }
  }

  /** How long after an incident its alerts still count as its own (every incident is followed by this much calm). */
  static final int HORIZON = 12 * 60;

  static int at(int day, int hour) {
    return day * DAY + hour * 60;
  }

  static final List<Incident> INCIDENTS = List.of(
      new Incident("F1", "total outage, 30 min", at(4, 10), at(4, 10) + 30, 1.0, PER_MINUTE, "page"),
      new Incident("F2", "5% errors (50x), 2 h", at(6, 14), at(6, 16), 0.05, PER_MINUTE, "page"),
      new Incident("F3", "20% errors, 15 min", at(8, 3), at(8, 3) + 15, 0.20, PER_MINUTE, "page"),
      new Incident("F4", "1% errors (10x), 8 h", at(10, 9), at(10, 17), 0.01, PER_MINUTE, "page"),
      new Incident("S1", "0.4% errors (4x), 2 d", at(13, 0), at(15, 0), 0.004, PER_MINUTE, "ticket"),
      new Incident("S2", "0.2% errors (2x), 3 d", at(17, 0), at(20, 0), 0.002, PER_MINUTE, "ticket"),
      new Incident("B1", "blip: 40 s total outage", at(26, 12), at(26, 12) + 1, 0.67, PER_MINUTE, "none"),
      new Incident("B2", "blip: 10% errors, 5 min", at(27, 8), at(27, 8) + 5, 0.10, PER_MINUTE, "none"),
      new Incident("B3", "traffic spike x3, usual errors, 1 h", at(28, 6), at(28, 7), NOISE, 3 * PER_MINUTE, "none"));

  final MinuteBurnRates rates;
  /** Used bytes of the disk at the end of each minute. */
  final double[] diskUsed = new double[MINUTES + 1];

  SimulatedMonth() {
    rates = new MinuteBurnRates(Instant.EPOCH, MINUTES, TARGET, SLO_WINDOW).fill(0, MINUTES, PER_MINUTE, NOISE,
        new Random(2026));
    Random seeds = new Random(11);
    for (Incident i : INCIDENTS) {
      rates.fill(i.start(), i.end(), i.perMinute(), i.errorRatio(), new Random(seeds.nextLong()));
    }
    Random noise = new Random(5);
    for (int m = 0; m <= MINUTES; m++) {
      double used = DISK_BASE;
      if (m >= FILL_START && m < FULL) {
        used += 1e9 * (m - FILL_START) / 60.0;
      }
      diskUsed[m] = Math.min(DISK_SIZE, Math.rint(used + noise.nextGaussian() * 5e7));
    }
  }

  static Instant minute(int m) {
    return Instant.EPOCH.plus(Duration.ofMinutes(m));
  }

  /** Cumulative requests as a counter sampled at the start of each minute: sample m counts minutes [0, m). */
  long[] requestsCounter() {
    return cumulative(rates.total, null);
  }

  /** Cumulative errors, sampled like {@link #requestsCounter()}. */
  long[] errorsCounter() {
    return cumulative(rates.total, rates.good);
  }

  private static long[] cumulative(long[] total, long[] good) {
    long[] out = new long[total.length + 1];
    for (int m = 0; m < total.length; m++) {
      out[m + 1] = out[m] + total[m] - (good == null ? 0 : good[m]);
    }
    return out;
  }
}
