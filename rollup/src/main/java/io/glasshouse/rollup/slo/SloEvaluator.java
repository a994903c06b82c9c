package io.glasshouse.rollup.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes an {@link SloReport} from per-minute counts, exactly: every figure is a ratio of summed good and total
 * counts over its span (never an average of ratios). Pure and thread-safe; CPU-bound (a 30-day window is 43,200
 * minutes and the projection walks up to that many), so callers on an event loop run it on a worker.
 *
 * <p>Time: the evaluation counts complete minutes only; {@code asOf} is the start of the current minute. The window
 * is [asOf − length, asOf) when rolling, [period start, asOf) when calendar (periods in the SLO's time zone, so month
 * and quarter boundaries and daylight-saving changes fall where the calendar puts them). Burn rates look back from
 * asOf whatever the window (a 1 h burn just after a month starts includes the previous month's last minutes).
 *
 * <p>Budget: with B = (1 − target) × total units so far, budget remaining is {@code 1 − bad / B}; the error
 * budget as time is {@code (1 − target) ×} the window's full length. Timeslices count slices as
 * {@link Budgeting.Timeslices} says (complete slices with events).
 */
public final class SloEvaluator {
  private static final long MINUTE = MinuteCounts.MINUTE_MS;
  private static final Duration CURRENT = Duration.ofHours(1);
  private static final List<Duration> RESOLUTIONS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
      Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6),
      Duration.ofHours(12), Duration.ofDays(1));
  /** At most this many points of budget over time (plus the last one). */
  public static final int MAX_CHART_POINTS = 1000;

  private SloEvaluator() {
  }

  /** The evaluation's "now": the start of the minute holding {@code now} (the end of the last complete one). */
  public static long asOf(Instant now) {
    return Math.floorDiv(now.toEpochMilli(), MINUTE) * MINUTE;
  }

  /**
   * The minutes {@link #evaluate} needs for {@code d} at {@code asOfMs}: the window, the window before it (for the
   * rolling budget over time) and at least 3 days back (the longest burn window).
   */
  public static long[] range(SloDefinition d, long asOfMs) {
    SloWindow.Span span = d.window().spanAt(asOfMs);
    long from = span.startMs();
    if (d.window() instanceof SloWindow.Rolling r) {
      from = asOfMs - 2 * r.length().toMillis();
    }
    from = Math.min(from, asOfMs - Duration.ofDays(3).toMillis());
    if (d.budgeting() instanceof Budgeting.Timeslices t && d.window() instanceof SloWindow.Calendar) {
      // whole slices on the period's grid, also before the period (burn windows)
      long s = t.slice().toMillis();
      from = span.startMs() - Math.floorDiv(span.startMs() - from + s - 1, s) * s;
    }
    return new long[] {Math.floorDiv(from, MINUTE) * MINUTE, asOfMs};
  }

  /** A report without a forecast (exhaustion at forecast traffic is then null, with a note). */
  public static SloReport evaluate(SloDefinition d, MinuteCounts counts, long asOfMs) {
    return evaluate(d, counts, asOfMs, null, "no traffic forecast yet");
  }

  /**
   * Evaluates {@code d} at {@code asOfMs} (a minute boundary) from {@code counts}, which should cover
   * {@link #range}; minutes outside the counts count as no events.
   *
   * @param forecast     projected total events per minute, or null
   * @param forecastNote why there is no forecast (used when {@code forecast} is null)
   */
  public static SloReport evaluate(SloDefinition d, MinuteCounts counts, long asOfMs, TrafficProjection forecast,
      String forecastNote) {
    if (asOfMs % MINUTE != 0) {
      throw new IllegalArgumentException("asOfMs must be a minute boundary");
    }
    SloWindow.Span span = d.window().spanAt(asOfMs);
    Tally tally = d.budgeting() instanceof Budgeting.Timeslices t
        ? Tally.timeslices(counts, anchor(d, span, t), t.slice().toMillis(), t.sliceTarget())
        : Tally.occurrences(counts);
    double ratio = d.errorBudgetRatio();
    List<String> notes = new ArrayList<>();

    double good = tally.good(span.startMs(), span.endMs());
    double total = tally.total(span.startMs(), span.endMs());
    double bad = total - good;
    Double sli = total > 0 ? good / total : null;
    double budgetEvents = ratio * total;
    Double remaining = total > 0 ? 1 - bad / budgetEvents : null;
    Duration budgetTime = Duration.ofMillis(Math.round(ratio * span.fullLength().toMillis()));
    Duration remainingTime = remaining == null ? null
        : Duration.ofMillis(Math.round(remaining * budgetTime.toMillis()));
    if (counts.note() != null) {
      notes.add(counts.note());
    }
    if (total == 0) {
      notes.add("no " + unit(tally) + " in the window: the SLI and budget remaining are undefined");
    }

    List<SloReport.BurnRate> burns = new ArrayList<>();
    for (Duration w : SloReport.BURN_WINDOWS) {
      double g = tally.good(asOfMs - w.toMillis(), asOfMs);
      double t = tally.total(asOfMs - w.toMillis(), asOfMs);
      burns.add(new SloReport.BurnRate(w, burn(g, t, ratio), g, t));
    }
    Double windowBurn = burn(good, total, ratio);

    SloReport.Exhaustion exhaustion = exhaustion(d, tally, span, asOfMs, remaining, forecast, forecastNote);
    Duration resolution = resolution(d.window());
    List<SloReport.BudgetPoint> overTime = overTime(d, tally, span, asOfMs, resolution);

    return new SloReport(d, Instant.ofEpochMilli(asOfMs), Instant.ofEpochMilli(span.startMs()),
        Instant.ofEpochMilli(span.fullEndMs()), unit(tally), good, total, sli,
        new SloReport.ErrorBudget(ratio, budgetEvents, budgetTime), remaining, budgetEvents - bad, remainingTime,
        burns, windowBurn, exhaustion, overTime, resolution, notes);
  }

  private static long anchor(SloDefinition d, SloWindow.Span span, Budgeting.Timeslices t) {
    return d.window() instanceof SloWindow.Calendar ? span.startMs() : 0;
  }

  private static String unit(Tally tally) {
    return tally.slices() ? "slices" : "events";
  }

  static Double burn(double good, double total, double ratio) {
    return total > 0 ? ((total - good) / total) / ratio : null;
  }

  /** The coarsest-needed chart spacing: the smallest of 1m … 1d giving at most {@link #MAX_CHART_POINTS} points. */
  static Duration resolution(SloWindow w) {
    long minutes = w instanceof SloWindow.Calendar c ? c.nominal().plusDays(2).toMinutes() : w.nominal().toMinutes();
    for (Duration r : RESOLUTIONS) {
      if (minutes / r.toMinutes() <= MAX_CHART_POINTS) {
        return r;
      }
    }
    return RESOLUTIONS.get(RESOLUTIONS.size() - 1);
  }

  private static List<SloReport.BudgetPoint> overTime(SloDefinition d, Tally tally, SloWindow.Span span, long asOfMs,
      Duration resolution) {
    long step = resolution.toMillis();
    List<SloReport.BudgetPoint> out = new ArrayList<>();
    double ratio = d.errorBudgetRatio();
    if (d.window() instanceof SloWindow.Rolling r) {
      long len = r.length().toMillis();
      long first = Math.floorDiv(asOfMs - len + step - 1, step) * step;
      for (long t = first; t < asOfMs; t += step) {
        out.add(point(tally, t - len, t, ratio));
      }
    } else {
      for (long t = span.startMs() + step; t < asOfMs; t += step) {
        out.add(point(tally, span.startMs(), t, ratio));
      }
    }
    out.add(point(tally, span.startMs(), span.endMs(), ratio));
    return out;
  }

  private static SloReport.BudgetPoint point(Tally tally, long from, long to, double ratio) {
    double g = tally.good(from, to);
    double t = tally.total(from, to);
    return new SloReport.BudgetPoint(Instant.ofEpochMilli(to), t > 0 ? 1 - (t - g) / (ratio * t) : null);
  }

  private static SloReport.Exhaustion exhaustion(SloDefinition d, Tally tally, SloWindow.Span span, long asOfMs,
      Double remaining, TrafficProjection forecast, String forecastNote) {
    if (remaining != null && remaining < 0) {
      Instant now = Instant.ofEpochMilli(asOfMs);
      return new SloReport.Exhaustion(now, "the budget is already spent", now, "the budget is already spent");
    }
    long recent = Math.max(CURRENT.toMillis(), tally.stepMs());
    double g = tally.good(asOfMs - recent, asOfMs);
    double t = tally.total(asOfMs - recent, asOfMs);
    if (t == 0) {
      String why = "no " + unit(tally) + " in the last " + SloJsonCodec.formatDuration(Duration.ofMillis(recent))
          + ": nothing to project";
      return new SloReport.Exhaustion(null, why, null, why);
    }
    double errorRatio = (t - g) / t;
    boolean slices = tally.slices();
    // per future minute: units (events, or fractions of a slice) and their bad share
    double unitsPerMinute = slices ? (double) MINUTE / tally.stepMs() : t / (recent / (double) MINUTE);
    Projection current = project(d, tally, span, asOfMs, m -> unitsPerMinute, errorRatio);
    Instant atCurrent = current.at;
    String currentNote = current.note;
    Instant atForecast;
    String fNote;
    if (slices) {
      atForecast = atCurrent;
      fNote = "timeslices: traffic volume does not change how many slices there are, so forecast traffic gives the "
          + "same date as the current burn";
    } else if (forecast == null) {
      atForecast = null;
      fNote = forecastNote;
    } else {
      Projection p = project(d, tally, span, asOfMs, forecast::eventsPerMinute, errorRatio);
      atForecast = p.at;
      fNote = p.note + " (traffic: " + forecast.describe() + ")";
      TrafficProjection lower = forecast.lower80();
      TrafficProjection upper = forecast.upper80();
      if (lower != null && upper != null) {
        Instant atLower = project(d, tally, span, asOfMs, lower::eventsPerMinute, errorRatio).at;
        Instant atUpper = project(d, tally, span, asOfMs, upper::eventsPerMinute, errorRatio).at;
        return new SloReport.Exhaustion(atCurrent, currentNote, atForecast, fNote,
            earliest(atForecast, earliest(atLower, atUpper)), latest(atForecast, latest(atLower, atUpper)),
            forecast.model());
      }
      return new SloReport.Exhaustion(atCurrent, currentNote, atForecast, fNote, atForecast, atForecast,
          forecast.model());
    }
    return new SloReport.Exhaustion(atCurrent, currentNote, atForecast, fNote);
  }

  /** The earlier run-out; null (it lasts) is later than any time. */
  private static Instant earliest(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
  }

  /** The later run-out; null (it lasts) is later than any time. */
  private static Instant latest(Instant a, Instant b) {
    return a == null || b == null ? null : a.isAfter(b) ? a : b;
  }

  private interface PerMinute {
    double units(long minuteMs);
  }

  private record Projection(Instant at, String note) {
  }

  /**
   * Walks forward minute by minute: the window ending at each future minute holds what is left of the counted
   * past plus the projected minutes (units × bad share). The first minute whose budget is below zero is when it
   * runs out.
   */
  private static Projection project(SloDefinition d, Tally tally, SloWindow.Span span, long asOfMs, PerMinute units,
      double errorRatio) {
    double ratio = d.errorBudgetRatio();
    boolean rolling = d.window() instanceof SloWindow.Rolling;
    long len = rolling ? ((SloWindow.Rolling) d.window()).length().toMillis() : 0;
    long horizonEnd = rolling ? asOfMs + len : span.fullEndMs();
    double futureTotal = 0;
    double futureBad = 0;
    // the past part of each future window: units from index i (first starting at or after its start) to pastEnd;
    // the start only moves forward, so i walks instead of searching
    int pastEnd = tally.to(asOfMs);
    int i = tally.from(rolling ? asOfMs + MINUTE - len : span.startMs());
    for (long m = asOfMs; m < horizonEnd; m += MINUTE) {
      double u = Math.max(0, units.units(m));
      futureTotal += u;
      futureBad += u * errorRatio;
      long end = m + MINUTE;
      long from = rolling ? end - len : span.startMs();
      while (i < pastEnd && tally.startOf(i) < from) {
        i++;
      }
      boolean past = from < asOfMs && i < pastEnd;
      double pastTotal = past ? tally.totalBefore(pastEnd) - tally.totalBefore(i) : 0;
      double pastBad = past ? pastTotal - (tally.goodBefore(pastEnd) - tally.goodBefore(i)) : 0;
      double total = pastTotal + futureTotal;
      if (total > 0 && ratio * total - (pastBad + futureBad) < 0) {
        return new Projection(Instant.ofEpochMilli(end), "runs out at a " + percent(errorRatio)
            + " error ratio");
      }
    }
    return new Projection(null, rolling
        ? "lasts: at a " + percent(errorRatio) + " error ratio the budget is not spent within a window's length"
        : "lasts to the end of the period at a " + percent(errorRatio) + " error ratio");
  }

  private static String percent(double r) {
    return String.format(java.util.Locale.ROOT, "%.4g%%", r * 100);
  }
}
