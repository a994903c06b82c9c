package io.glasshouse.rollup.slo;

import io.glasshouse.rollup.series.Resolution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which resolution each part of an SLO's count range is read at, so that every figure the evaluator takes from it
 * is exact and no event is counted twice. Pure. The range [from, to) is cut into UTC hours; each hour is read
 * exactly once, as one of:
 * <ul>
 *   <li>its minutes: the last {@link #FINE} (burn windows from 5 minutes to 3 days need minute edges), the hour
 *       holding a window edge that is not on an hour, and every hour whose minutes are kept when the SLO needs
 *       minutes throughout (gauge SLIs, timeslices not on an hour grid, budget charts finer than an hour);
 *   <li>its hour cell, counted at the hour's first minute, where minutes are not needed or have expired;
 *   <li>its day's cell, counted at the day's first minute, when the hour's own cell has expired (the whole UTC day
 *       is then read from its day cell and none of its hours are read again);
 *   <li>its hour cell, {@link #cachedOnly} (from a cache of settled hours, see {@link DownsampledSliCounts}), when
 *       its hour cell has expired but its UTC day's cell cannot be read because the range starts inside that day: a
 *       calendar period in a zone other than UTC that began before the hour retention (a Berlin quarter starts at
 *       22:00 or 23:00 UTC, a New York one at 04:00 or 05:00);
 *   <li>nothing, when what it needs is gone (a partial hour or day at the range's start beyond retention, or
 *       minutes a gauge SLI needs beyond minute retention): the range then starts at the next whole cell, and the
 *       plan says so in {@link #note}.
 * </ul>
 * Sums over [a, b) are then exact whenever a and b lie on the boundaries of the cells read there: minutes within
 * the fine part, hours in the hour part (rolling windows' charts are hourly), days in the day part.
 *
 * @param blocks ascending, not overlapping
 * @param fineFromMs from here to {@code to} every minute is its own
 * @param roundedEdge the hour cell holding the window's start when its minutes have expired (the window then counts
 *                    from the next whole hour), or null
 * @param note what the plan had to leave out, or null
 * @param cachedOnly hour blocks among {@code blocks} the store no longer has: only a cache can give them
 */
record CountPlan(long fromMs, long toMs, List<Block> blocks, long fineFromMs, Block roundedEdge, String note,
    Set<Block> cachedOnly) {
  /** The recent part always read as minutes. */
  static final Duration FINE = Duration.ofDays(3).plusHours(1);
  private static final long HOUR = Resolution.HOUR.ms();
  private static final long DAY = Resolution.DAY.ms();

  /**
   * One cell's worth of reading: an hour read as minutes or as its hour cell, or a day read as its day cell.
   *
   * @param read MINUTE (the hour's minutes), HOUR or DAY
   * @param startMs the hour's or day's start
   */
  record Block(Resolution read, long startMs) {
    long endMs() {
      return startMs + (read == Resolution.DAY ? DAY : HOUR);
    }
  }

  /** Retention per resolution: what the store still has at the evaluation time. */
  record Retention(Duration minutes, Duration hours, Duration days) {
    static final Retention DEFAULTS = new Retention(Duration.ofDays(14), Duration.ofDays(93), Duration.ofDays(3 * 365));
  }

  static CountPlan of(SloDefinition d, long fromMs, long toMs, Retention retention) {
    // a purge at "now" (before the next minute) deletes what is older than now - retention: keep an hour's margin
    long minutesKept = Resolution.HOUR.ceil(toMs - retention.minutes().toMillis()) + HOUR;
    long hoursKept = Resolution.HOUR.ceil(toMs - retention.hours().toMillis()) + HOUR;
    long daysKept = Resolution.DAY.ceil(toMs - retention.days().toMillis()) + DAY;
    long fine = Math.max(Resolution.HOUR.floor(fromMs), Resolution.HOUR.floor(toMs - FINE.toMillis()));
    boolean minutesOnly = needsMinutesOnly(d);
    // before the SLO's own range (a longer history for the traffic forecast) hours are enough
    long ownFrom = SloEvaluator.range(d, toMs)[0];
    boolean fineCharts = minutesOnly || SloEvaluator.resolution(d.window()).toMillis() < HOUR;
    long edge = d.window().spanAt(toMs).startMs();
    List<Block> blocks = new ArrayList<>();
    long dropped = 0; // inside the SLO's window (what lies before it only feeds earlier chart points)
    Block roundedEdge = null;
    Set<Block> cachedOnly = new HashSet<>();
    for (long h = Resolution.HOUR.floor(fromMs); h < toMs; ) {
      boolean partialStart = h < fromMs;
      boolean edgeHour = !Resolution.HOUR.aligned(edge) && h == Resolution.HOUR.floor(edge);
      boolean wantMinutes = h >= fine || partialStart || edgeHour || (fineCharts && h + HOUR > ownFrom);
      if (wantMinutes && (h >= fine || h >= minutesKept)) {
        blocks.add(new Block(Resolution.MINUTE, h));
        h += HOUR;
        continue;
      }
      if (minutesOnly || partialStart) {
        dropped += Math.max(0, Math.min(h + HOUR, toMs) - Math.max(h, Math.max(fromMs, edge)));
        h += HOUR;
        continue;
      }
      if (h >= hoursKept) {
        blocks.add(new Block(Resolution.HOUR, h));
        roundedEdge = edgeHour ? blocks.get(blocks.size() - 1) : roundedEdge;
        h += HOUR;
        continue;
      }
      long day = Resolution.DAY.floor(h);
      if (day == h && day >= fromMs && day + DAY <= fine && day >= daysKept) {
        blocks.add(new Block(Resolution.DAY, day));
        h += DAY;
      } else if (day < fromMs && h >= fromMs && h + HOUR > edge) {
        // the window starts inside this UTC day: its day cell holds hours from before the range
        Block b = new Block(Resolution.HOUR, h);
        blocks.add(b);
        cachedOnly.add(b);
        h += HOUR;
      } else {
        dropped += Math.max(0, Math.min(h + HOUR, toMs) - Math.max(h, edge));
        h += HOUR;
      }
    }
    long fineFrom = toMs;
    for (int i = blocks.size() - 1; i >= 0 && blocks.get(i).read() == Resolution.MINUTE; i--) {
      fineFrom = Math.max(fromMs, blocks.get(i).startMs());
    }
    String note = null;
    if (dropped > 0) {
      note = SloJsonCodec.formatDuration(Duration.ofMillis(Resolution.MINUTE.floor(dropped))) + " of the window "
          + "lie beyond what the rollups keep at the resolution needed (" + (minutesOnly ? "minutes" : "hours or days")
          + ") and count as no events";
    }
    return new CountPlan(fromMs, toMs, List.copyOf(blocks), fineFrom, roundedEdge, note, Set.copyOf(cachedOnly));
  }

  /** The note for a window start rounded to the next whole hour (when that hour cell had events), given retention. */
  String roundedEdgeNote(Duration minuteRetention) {
    return "the window's first hour is older than the minute retention (" + SloJsonCodec.formatDuration(
        minuteRetention) + "), so its minutes are gone: the window is counted from " + java.time.Instant.ofEpochMilli(
        roundedEdge.endMs()) + ", the next whole hour";
  }

  /** Gauge SLIs count minutes with readings, and timeslices off an hour grid need each slice's minutes. */
  static boolean needsMinutesOnly(SloDefinition d) {
    if (d.sli() instanceof Sli.Gauge) {
      return true;
    }
    if (d.budgeting() instanceof Budgeting.Timeslices t) {
      long slice = t.slice().toMillis();
      long anchor = d.window() instanceof SloWindow.Calendar c ? c.spanAt(Long.MAX_VALUE / 2).startMs() : 0;
      return slice % HOUR != 0 || Math.floorMod(anchor, HOUR) != 0;
    }
    return false;
  }
}
