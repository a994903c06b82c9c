package io.glasshouse.rollup.slo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** The span an SLO's target applies to: a rolling window, or calendar periods in a time zone. */
public sealed interface SloWindow permits SloWindow.Rolling, SloWindow.Calendar {

  /** The window whose counted data ends at {@code endMs} (exclusive; the evaluation's minute boundary). */
  Span spanAt(long endMs);

  /** The window's length, nominal for calendar windows (7, 30 or 91 days); for chart resolution and burn factors. */
  Duration nominal();

  /**
   * The evaluated part of a window.
   *
   * @param startMs first minute counted
   * @param endMs   end of data counted (exclusive): the evaluation's last complete minute boundary
   * @param fullEndMs where the window ends: {@code endMs} for rolling windows, the period's end for calendar ones
   */
  record Span(long startMs, long endMs, long fullEndMs) {
    /** The whole window's length (the full calendar period), which the error budget as time is a fraction of. */
    public Duration fullLength() {
      return Duration.ofMillis(fullEndMs - startMs);
    }
  }

  /** The last {@code length} (a whole number of minutes) up to the evaluation time. */
  record Rolling(Duration length) implements SloWindow {
    public Rolling {
      Objects.requireNonNull(length, "length");
      if (length.toMinutes() < 1 || length.toMillis() % 60_000 != 0) {
        throw new IllegalArgumentException("a rolling window must be a positive whole number of minutes, got "
            + length);
      }
    }

    @Override
    public Span spanAt(long endMs) {
      return new Span(endMs - length.toMillis(), endMs, endMs);
    }

    @Override
    public Duration nominal() {
      return length;
    }
  }

  /** Calendar units a calendar window can have. */
  enum Unit {
    WEEK, MONTH, QUARTER;

    /** Lower-case name, as in the JSON. */
    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Calendar periods in {@code zone}: weeks (from Monday 00:00 unless anchored otherwise), months (from the 1st at
   * 00:00) or quarters (January, April, July, October), each starting at local time in the zone, so a period's
   * length follows daylight-saving changes (March in Europe/Berlin is 743 hours). {@code anchor} (local time, may
   * be null) moves the period starts: periods start at {@code anchor + k units} for whole k (OpenSLO's
   * {@code calendar.startTime}); an anchor at a natural start (a Monday, a 1st, a quarter's 1st, at midnight) is
   * replaced by the default one, which gives the same periods.
   */
  record Calendar(Unit unit, ZoneId zone, LocalDateTime anchor) implements SloWindow {
    public Calendar {
      Objects.requireNonNull(unit, "unit");
      Objects.requireNonNull(zone, "zone");
      if (anchor == null || natural(unit, anchor)) {
        // every natural anchor gives the same periods: keep one, so equal windows are equal records
        anchor = unit == Unit.WEEK ? LocalDateTime.of(2024, 1, 1, 0, 0) : LocalDateTime.of(2000, 1, 1, 0, 0);
      }
    }

    /** The default anchor of {@code unit}: a Monday for weeks, 1 January for months and quarters. */
    public static Calendar of(Unit unit, ZoneId zone) {
      return new Calendar(unit, zone, null);
    }

    @Override
    public Span spanAt(long endMs) {
      Instant at = Instant.ofEpochMilli(endMs - 1);
      long k = periodIndex(at);
      long start = periodStart(k).toInstant().toEpochMilli();
      long end = periodStart(k + 1).toInstant().toEpochMilli();
      return new Span(start, Math.min(endMs, end), end);
    }

    @Override
    public Duration nominal() {
      return switch (unit) {
        case WEEK -> Duration.ofDays(7);
        case MONTH -> Duration.ofDays(30);
        case QUARTER -> Duration.ofDays(91);
      };
    }

    /** Start of period {@code k} (period 0 starts at the anchor). */
    public ZonedDateTime periodStart(long k) {
      LocalDateTime local = switch (unit) {
        case WEEK -> anchor.plusWeeks(k);
        case MONTH -> anchor.plusMonths(k);
        case QUARTER -> anchor.plusMonths(3 * k);
      };
      return local.atZone(zone);
    }

    /** The index of the period holding {@code t}. */
    long periodIndex(Instant t) {
      LocalDateTime local = LocalDateTime.ofInstant(t, zone);
      long k = switch (unit) {
        case WEEK -> ChronoUnit.WEEKS.between(anchor, local);
        case MONTH -> ChronoUnit.MONTHS.between(anchor, local);
        case QUARTER -> ChronoUnit.MONTHS.between(anchor, local) / 3;
      };
      while (periodStart(k).toInstant().isAfter(t)) {
        k--;
      }
      while (!periodStart(k + 1).toInstant().isAfter(t)) {
        k++;
      }
      return k;
    }

    /** True when the anchor is the unit's natural start (Monday, 1st of a month, 1st of a quarter) at midnight. */
    public boolean naturalAnchor() {
      return natural(unit, anchor);
    }

    private static boolean natural(Unit unit, LocalDateTime anchor) {
      boolean midnight = anchor.toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
      return midnight && switch (unit) {
        case WEEK -> anchor.getDayOfWeek() == DayOfWeek.MONDAY;
        case MONTH -> anchor.getDayOfMonth() == 1;
        case QUARTER -> anchor.getDayOfMonth() == 1 && (anchor.getMonthValue() - 1) % 3 == 0;
      };
    }
  }
}
