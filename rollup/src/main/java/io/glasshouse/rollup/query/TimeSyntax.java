package io.glasshouse.rollup.query;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads instants and durations as the read API accepts them.
 *
 * <ul>
 *   <li>Instants: ISO-8601 with {@code Z} or an offset, e.g. {@code 2026-05-01T12:00:00Z}; always returned as UTC.
 *   <li>Durations: Prometheus style, one or more {@code <integer><unit>} with units {@code ms s m h d w}, largest
 *       first ({@code 30s}, {@code 5m}, {@code 1h30m}); ISO-8601 ({@code PT5M}, {@code P1D}); or plain seconds
 *       ({@code 300}).
 * </ul>
 */
public final class TimeSyntax {
  private static final Pattern PROM_PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");
  private static final String[] UNIT_ORDER = {"w", "d", "h", "m", "s", "ms"};

  private TimeSyntax() {
  }

  /** An ISO-8601 instant; throws {@link SyntaxException} naming the expected form. */
  public static Instant parseInstant(String text) {
    String t = text.trim();
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException e2) {
        throw new SyntaxException("'" + text + "' is not an ISO-8601 instant; use e.g. 2026-05-01T12:00:00Z",
            e2.getErrorIndex() + 1);
      }
    }
  }

  /** A positive or zero duration; throws {@link SyntaxException} naming the accepted forms. */
  public static Duration parseDuration(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      throw bad(text, 0);
    }
    if (t.charAt(0) == 'P' || t.charAt(0) == 'p') {
      try {
        Duration d = Duration.parse(t);
        if (d.isNegative()) {
          throw bad(text, 1);
        }
        return d;
      } catch (DateTimeParseException e) {
        throw bad(text, e.getErrorIndex() + 1);
      }
    }
    if (t.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(t));
      } catch (NumberFormatException e) {
        throw bad(text, 1);
      }
    }
    return prometheus(text, t);
  }

  private static Duration prometheus(String text, String t) {
    Matcher m = PROM_PART.matcher(t);
    Duration total = Duration.ZERO;
    int at = 0;
    int lastUnit = -1;
    while (at < t.length()) {
      if (!m.find(at) || m.start() != at) {
        throw bad(text, at + 1);
      }
      int unit = unitIndex(m.group(2));
      if (unit <= lastUnit) {
        throw new SyntaxException("'" + text + "': units must go from largest to smallest, each once, e.g. 1h30m",
            at + 1);
      }
      lastUnit = unit;
      try {
        total = total.plus(of(Long.parseLong(m.group(1)), m.group(2)));
      } catch (ArithmeticException | NumberFormatException e) {
        throw new SyntaxException("'" + text + "' is too long a duration", at + 1);
      }
      at = m.end();
    }
    return total;
  }

  private static int unitIndex(String unit) {
    for (int i = 0; i < UNIT_ORDER.length; i++) {
      if (UNIT_ORDER[i].equals(unit)) {
        return i;
      }
    }
    throw new IllegalStateException(unit);
  }

  private static Duration of(long n, String unit) {
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      case "w" -> Duration.ofDays(Math.multiplyExact(n, 7));
      default -> throw new IllegalStateException(unit);
    };
  }

  /**
   * The one way Glasshouse writes a duration: the inverse of {@link #parseDuration} in its Prometheus form, largest
   * unit first, each unit once ({@code 30m}, {@code 1h30m}, {@code 1d}, {@code 90d}, {@code 250ms}); a whole
   * number of weeks is written in weeks ({@code 1w}, {@code 2w}), as the forecast horizons are given. Zero is
   * {@code 0s}; a negative duration gets a leading {@code -}.
   */
  public static String formatDuration(Duration d) {
    if (d.isNegative()) {
      return "-" + formatDuration(d.negated());
    }
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    long week = 7 * 86_400_000L;
    if (ms % week == 0) {
      return ms / week + "w";
    }
    StringBuilder b = new StringBuilder();
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
    String[] units = {"d", "h", "m", "s", "ms"};
    for (int i = 0; i < sizes.length; i++) {
      if (ms >= sizes[i]) {
        b.append(ms / sizes[i]).append(units[i]);
        ms %= sizes[i];
      }
    }
    return b.toString();
  }

  private static SyntaxException bad(String text, int position) {
    return new SyntaxException("'" + text + "' is not a duration; use e.g. 1m, 5m, 1h30m, PT5M or seconds",
        position);
  }
}
