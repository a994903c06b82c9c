package io.glasshouse.rollup.forecast.eval;

import io.glasshouse.rollup.forecast.Series;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code forecast-eval --forecasts DIR} writes so that other forecasters can be run and scored on exactly the
 * same origins: {@code DIR/series/N.csv} holds series N as the evaluation saw it (regular steps, {@code NA} for a
 * gap, one value per line after the header {@code value}), and {@code DIR/forecasts.csv} one row per series, origin
 * and horizon: {@code series,file,step_ms,origin,steps,horizon,actual,scale,point,lo80,hi80,lo95,hi95}, where
 * {@code origin} is the 0-based index of the last value of the history, {@code actual} the value {@code steps}
 * later and {@code scale} the MASE scale of that history. Not thread-safe.
 */
final class ForecastDump implements Closeable {
  private final Path dir;
  private final BufferedWriter rows;
  private int seriesCount;

  ForecastDump(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir.resolve("series"));
    this.rows = Files.newBufferedWriter(dir.resolve("forecasts.csv"));
    rows.write("series,file,step_ms,origin,steps,horizon,actual,scale,point,lo80,hi80,lo95,hi95\n");
  }

  /** Writes a series; returns its number for {@link #row}. */
  int series(Series s) {
    int id = seriesCount++;
    StringBuilder sb = new StringBuilder("value\n");
    for (int i = 0; i < s.size(); i++) {
      double v = s.valueAt(i);
      sb.append(Double.isFinite(v) ? Double.toString(v) : "NA").append('\n');
    }
    try {
      Files.writeString(dir.resolve("series").resolve(id + ".csv"), sb);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return id;
  }

  void row(int series, String file, long stepMs, int origin, int steps, String horizon, double actual, double scale,
      double point, double lo80, double hi80, double lo95, double hi95) {
    try {
      rows.write(String.format(Locale.ROOT, "%d,%s,%d,%d,%d,%s,%s,%s,%s,%s,%s,%s,%s%n", series, file.replace(',', '_'),
          stepMs, origin, steps, horizon, actual, scale, point, lo80, hi80, lo95, hi95));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    rows.close();
  }
}
