package io.glasshouse.rollup.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What hour retention calendar SLOs need (issue 9). A calendar period in a zone other than UTC starts inside a UTC
 * day, so its first hours cannot be read from that day's cell: they must still be hour cells (a cache of settled
 * hours does not survive a restart). The hour retention ({@code rollup.retention.hours}) must therefore reach back
 * to the start of the longest period, measured in UTC (a Berlin quarter with the autumn clock change is 92 days and
 * 1 hour), plus the hour a purge may take early. Pure.
 */
public final class HourRetention {
  /** The configuration key it checks. */
  public static final String KEY = "rollup.retention.hours";
  /** A purge at "now" deletes what is older than now minus the retention: an hour's margin. */
  static final Duration PURGE_MARGIN = Duration.ofHours(1);
  /** Periods sampled for the longest one: four years from 2024 (leap year, every month, clock changes). */
  private static final long SAMPLE_FROM = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  private static final long SAMPLE_TO = Instant.parse("2028-01-01T00:00:00Z").toEpochMilli();

  private HourRetention() {
  }

  /** The hour retention {@code window} needs: its longest period in UTC plus the purge margin. */
  public static Duration needed(SloWindow.Calendar window) {
    long longest = 0;
    for (long t = SAMPLE_FROM; t < SAMPLE_TO; ) {
      SloWindow.Span s = window.spanAt(t + 1);
      longest = Math.max(longest, s.fullEndMs() - s.startMs());
      t = s.fullEndMs();
    }
    return Duration.ofMillis(longest).plus(PURGE_MARGIN);
  }

  /**
   * One message per calendar SLO whose periods reach back further than {@code hourRetention} keeps hours, naming
   * the SLO, its window and {@link #KEY}, and what to raise it to; empty when all fit.
   */
  public static List<String> check(Collection<SloDefinition> slos, Duration hourRetention) {
    List<String> out = new ArrayList<>();
    for (SloDefinition d : slos) {
      if (d.window() instanceof SloWindow.Calendar c) {
        Duration need = needed(c);
        if (hourRetention.compareTo(need) < 0) {
          out.add(KEY + " (" + SloJsonCodec.formatDuration(hourRetention) + ") is shorter than SLO '" + d.name()
              + "''s window (a calendar " + c.unit().name().toLowerCase(java.util.Locale.ROOT) + " in " + c.zone()
              + ", up to " + SloJsonCodec.formatDuration(need.minus(PURGE_MARGIN)) + " long in UTC): once hour "
              + "rollups older than " + KEY + " are purged, a restart loses the first hours of its period (they "
              + "count as no events); raise " + KEY + " to at least " + SloJsonCodec.formatDuration(need)
              + " or shorten the SLO's window");
        }
      }
    }
    return out;
  }
}
