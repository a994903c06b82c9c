package io.glasshouse.rollup.query;

import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.Resolution;
import io.glasshouse.rollup.series.RollupReader;
import io.glasshouse.rollup.series.SeriesCells;
import io.glasshouse.rollup.series.SeriesKey;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Sums of a counter selector's increases (every series of {@code metric} in {@code service} matching the
 * matchers), per minute, hour or day or over a whole range: what SLO evaluation needs for good and total events.
 * Exact sums of the stored increases, never averages; a cell in which no selected series has data is absent (no
 * data), while a counted zero is a 0.
 *
 * <p>Memory: the range is read in pages of at most {@value #PAGE_CELLS} cells (series × cells per page) and folded
 * page by page, so 30 days of minutes over many series are never in memory at once.
 *
 * <p>Retention: minutes are kept for {@code rollup.retention.minutes} (14 d by default), hours and days longer.
 * {@link #total} reads minutes only at edges of the range that are not on an hour boundary, so a window whose
 * {@code from} is on an hour (or day) boundary sums exactly as far back as hours (or days) are kept.
 */
public final class CounterSums {
  /** Cells read per page at most. */
  public static final int PAGE_CELLS = 50_000;

  private CounterSums() {
  }

  /** One cell's sum. */
  public record Cell(long startMs, double sum) {
  }

  /** A piece of a range read at one resolution. */
  public record Piece(Resolution resolution, long fromMs, long toMs) {
  }

  /**
   * A sum over a range.
   *
   * @param sum the sum of every increase in the range (0 when none)
   * @param hasData whether any selected series had a cell in the range (false: the SLI is undefined there)
   * @param pieces how the range was read: days inside, hours and minutes only where the range's edges need them
   */
  public record Total(double sum, boolean hasData, List<Piece> pieces) {
  }

  /**
   * Per-cell sums at {@code resolution} for cells starting in [from, to) widened to whole cells, ascending; cells
   * without data are left out.
   */
  public static Future<List<Cell>> perCell(RollupReader reader, String service, String metric,
      List<LabelMatcher> matchers, long fromMs, long toMs, Resolution resolution) {
    long from = resolution.floor(fromMs);
    long to = resolution.ceil(toMs);
    return reader.series(service, metric, matchers).compose(keys -> {
      TreeMap<Long, double[]> sums = new TreeMap<>();
      return pages(reader, service, metric, matchers, from, to, resolution, keys, sums).map(v -> {
        List<Cell> out = new ArrayList<>(sums.size());
        sums.forEach((start, s) -> out.add(new Cell(start, s[0])));
        return out;
      });
    });
  }

  /**
   * The sum over [from, to) (both on minute boundaries), read from the coarsest cells that fit: whole days from
   * day cells, whole hours left at either end from hour cells, and minutes only for an edge that is not on an
   * hour boundary. Equal to the sum of the minutes wherever those are still kept.
   */
  public static Future<Total> total(RollupReader reader, String service, String metric, List<LabelMatcher> matchers,
      long fromMs, long toMs) {
    List<Piece> pieces = plan(fromMs, toMs);
    double[] sum = new double[1];
    boolean[] any = new boolean[1];
    Future<Void> f = Future.succeededFuture();
    for (Piece p : pieces) {
      f = f.compose(v -> perCell(reader, service, metric, matchers, p.fromMs(), p.toMs(), p.resolution()).map(cells -> {
        for (Cell c : cells) {
          sum[0] += c.sum();
          any[0] = true;
        }
        return null;
      }));
    }
    return f.map(v -> new Total(sum[0], any[0], pieces));
  }

  /**
   * [from, to) split into aligned pieces, coarsest first inside: minutes up to the first hour boundary, hours up to
   * the first day boundary, whole days, then hours and minutes to {@code to}. Empty pieces are left out.
   */
  public static List<Piece> plan(long fromMs, long toMs) {
    List<Piece> out = new ArrayList<>();
    if (fromMs >= toMs) {
      return out;
    }
    long ha = Resolution.HOUR.ceil(fromMs);
    long hb = Resolution.HOUR.floor(toMs);
    if (ha >= hb) {
      add(out, Resolution.MINUTE, fromMs, toMs);
      return out;
    }
    long da = Resolution.DAY.ceil(ha);
    long db = Resolution.DAY.floor(hb);
    add(out, Resolution.MINUTE, fromMs, ha);
    if (da >= db) {
      add(out, Resolution.HOUR, ha, hb);
    } else {
      add(out, Resolution.HOUR, ha, da);
      add(out, Resolution.DAY, da, db);
      add(out, Resolution.HOUR, db, hb);
    }
    add(out, Resolution.MINUTE, hb, toMs);
    return out;
  }

  private static void add(List<Piece> out, Resolution r, long from, long to) {
    if (from < to) {
      out.add(new Piece(r, from, to));
    }
  }

  private static Future<Void> pages(RollupReader reader, String service, String metric, List<LabelMatcher> matchers,
      long from, long to, Resolution r, List<SeriesKey> keys, TreeMap<Long, double[]> sums) {
    if (from >= to || keys.isEmpty()) {
      return Future.succeededFuture();
    }
    long cellsPerPage = Math.max(1, PAGE_CELLS / keys.size());
    long pageEnd = Math.min(to, from + cellsPerPage * r.ms());
    return reader.cells(service, metric, matchers, from, pageEnd, r).compose(series -> {
      for (SeriesCells s : series) {
        for (MinuteCell c : s.cells()) {
          sums.computeIfAbsent(c.minuteMs(), k -> new double[1])[0] += c.increase();
        }
      }
      return pages(reader, service, metric, matchers, pageEnd, to, r, keys, sums);
    });
  }
}
