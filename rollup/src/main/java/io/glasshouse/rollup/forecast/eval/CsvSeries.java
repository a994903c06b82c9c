package io.glasshouse.rollup.forecast.eval;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.glasshouse.rollup.forecast.Series;
import io.glasshouse.rollup.forecast.SeriesRegulariser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads {@code timestamp,value} CSV files (header optional) and finds them under a folder. */
final class CsvSeries {
  /** Rows as arrays of trimmed, unquoted cells (Jackson's CSV format; quoting and escapes per RFC 4180). */
  private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
      .enable(CsvParser.Feature.TRIM_SPACES).enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

  private CsvSeries() {
  }

  /** All {@code *.csv} files under {@code dir}, recursively, sorted by path. */
  static List<Path> find(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase().endsWith(".csv"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads and regularises one file; throws {@link IllegalArgumentException} if it has no usable row. */
  static Series read(Path file) throws IOException {
    long[] times = new long[1024];
    double[] values = new double[1024];
    int k = 0;
    try (MappingIterator<String[]> rows = CSV.readerFor(String[].class).readValues(file.toFile())) {
      while (rows.hasNext()) {
        String[] parts = rows.next();
        if (parts.length < 2) {
          continue;
        }
        try {
          double v = Double.parseDouble(parts[1]);
          long t = parseTime(parts[0]);
          if (k == times.length) {
            times = java.util.Arrays.copyOf(times, 2 * k);
            values = java.util.Arrays.copyOf(values, 2 * k);
          }
          times[k] = t;
          values[k] = v;
          k++;
        } catch (NumberFormatException | DateTimeParseException e) {
          // header or malformed row
        }
      }
    }
    if (k == 0) {
      throw new IllegalArgumentException(file + " has no timestamp,value rows");
    }
    long[] t = java.util.Arrays.copyOf(times, k);
    double[] v = java.util.Arrays.copyOf(values, k);
    return SeriesRegulariser.regularise(t, v);
  }

  /** Epoch ms from {@code YYYY-MM-DD HH:MM:SS[.fff]} (UTC), ISO-8601, or epoch seconds (ms when above 1e11). */
  static long parseTime(String s) {
    if (!s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-') && s.indexOf('-', 1) < 0
        && s.indexOf(':') < 0) {
      double x = Double.parseDouble(s);
      return Math.abs(x) >= 1e11 ? Math.round(x) : Math.round(x * 1000);
    }
    String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + "T" + s.substring(11) : s;
    try {
      return Instant.parse(iso).toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
      } catch (DateTimeParseException e2) {
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
      }
    }
  }

  /** A horizon like {@code 30m}, {@code 1h}, {@code 1d}, {@code 1w}, {@code 90s}, or ISO-8601 {@code PT30M}. */
  static java.time.Duration parseDuration(String s) {
    return io.glasshouse.rollup.query.TimeSyntax.parseDuration(s);
  }


  /** The short form of a duration ({@link io.glasshouse.rollup.query.TimeSyntax#formatDuration}). */
  static String format(java.time.Duration d) {
    return io.glasshouse.rollup.query.TimeSyntax.formatDuration(d);
  }

  /** Splits comma-separated horizons. */
  static List<java.time.Duration> parseDurations(String list) {
    List<java.time.Duration> out = new ArrayList<>();
    for (String p : list.split(",")) {
      if (!p.isBlank()) {
        out.add(parseDuration(p));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no horizons given");
    }
    return out;
  }
}
