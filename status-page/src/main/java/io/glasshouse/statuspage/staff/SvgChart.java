package io.glasshouse.statuspage.staff;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A small server-side chart builder: a time line chart and a bar chart with axes, "nice" ticks, labels,
 * labelled reference lines and a text alternative, laid out as a {@link Chart} that {@code staff/chart.jte}
 * renders to inline SVG. No scripts, no chart library; the page carries the same figures as a table too.
 */
public final class SvgChart {
  static final int WIDTH = 720;
  static final int HEIGHT = 260;
  private static final double LEFT = 64;
  private static final double RIGHT = 132;
  private static final double TOP = 16;
  private static final double BOTTOM = 40;

  /** A value at a time; {@code value} null is a gap. */
  public record Point(Instant time, Double value) {
  }

  /** A reference line's value and label (e.g. a threshold). */
  public record Ref(double value, String label) {
  }

  private SvgChart() {
  }

  /**
   * A line over time. The y range covers the data and every reference, widened to nice ticks.
   *
   * @param yFormat writes a y value for tick labels
   */
  public static Chart timeLine(String id, String title, String description, String yLabel, List<Point> points,
      List<Ref> refs, DoubleFunction<String> yFormat) {
    Chart.Box plot = plot();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Point p : points) {
      if (p.value() != null && Double.isFinite(p.value())) {
        lo = Math.min(lo, p.value());
        hi = Math.max(hi, p.value());
      }
    }
    for (Ref r : refs) {
      lo = Math.min(lo, r.value());
      hi = Math.max(hi, r.value());
    }
    double[] y = niceRange(lo, hi);
    long t0 = points.isEmpty() ? 0 : points.get(0).time().toEpochMilli();
    long t1 = points.isEmpty() ? 1 : points.get(points.size() - 1).time().toEpochMilli();
    if (t1 <= t0) {
      t1 = t0 + 60_000;
    }
    List<Chart.Line> lines = new ArrayList<>();
    StringBuilder seg = new StringBuilder();
    for (Point p : points) {
      if (p.value() == null || !Double.isFinite(p.value())) {
        flush(lines, seg);
        continue;
      }
      double px = plot.x() + (p.time().toEpochMilli() - t0) * plot.w() / (t1 - t0);
      double py = scaleY(plot, y, p.value());
      seg.append(seg.length() == 0 ? "" : " ").append(r1(px)).append(',').append(r1(py));
    }
    flush(lines, seg);
    List<Chart.Tick> xTicks = timeTicks(plot, t0, t1);
    return new Chart(id, title, description, WIDTH, HEIGHT, plot, xTicks, yTicks(plot, y, yFormat), lines, List.of(),
        references(plot, y, refs), "time (UTC)", yLabel);
  }

  /**
   * Bars for named values (null: no bar, "no data" under it). The y range starts at 0 and covers the data and
   * every reference.
   */
  public static Chart bars(String id, String title, String description, String yLabel, List<String> labels,
      List<Double> values, List<Ref> refs, DoubleFunction<String> yFormat, DoubleFunction<String> valueFormat) {
    Chart.Box plot = plot();
    double hi = 0;
    for (Double v : values) {
      if (v != null && Double.isFinite(v)) {
        hi = Math.max(hi, v);
      }
    }
    for (Ref r : refs) {
      hi = Math.max(hi, r.value());
    }
    double[] y = niceRange(0, hi);
    int n = labels.size();
    double slot = plot.w() / Math.max(1, n);
    List<Chart.Bar> bars = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Double v = values.get(i);
      double cx = plot.x() + slot * (i + 0.5);
      double w = slot * 0.6;
      if (v == null || !Double.isFinite(v)) {
        bars.add(new Chart.Bar(r1(cx - w / 2), r1(plot.bottom()), r1(w), 0, r1(cx), labels.get(i), Figures.NO_DATA,
            "bar nodata"));
        continue;
      }
      double top = scaleY(plot, y, Math.max(v, 0));
      bars.add(new Chart.Bar(r1(cx - w / 2), r1(top), r1(w), r1(plot.bottom() - top), r1(cx), labels.get(i),
          valueFormat.apply(v), "bar"));
    }
    return new Chart(id, title, description, WIDTH, HEIGHT, plot, List.of(), yTicks(plot, y, yFormat), List.of(),
        bars, references(plot, y, refs), "window", yLabel);
  }

  private static Chart.Box plot() {
    return new Chart.Box(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
  }

  private static void flush(List<Chart.Line> lines, StringBuilder seg) {
    if (seg.length() > 0) {
      lines.add(new Chart.Line(seg.toString(), "series"));
      seg.setLength(0);
    }
  }

  private static List<Chart.Reference> references(Chart.Box plot, double[] y, List<Ref> refs) {
    return refs.stream().map(r -> new Chart.Reference(r1(scaleY(plot, y, r.value())), r.label())).toList();
  }

  private static double scaleY(Chart.Box plot, double[] range, double v) {
    return plot.bottom() - (v - range[0]) * plot.h() / (range[1] - range[0]);
  }

  private static List<Chart.Tick> yTicks(Chart.Box plot, double[] range, DoubleFunction<String> format) {
    List<Chart.Tick> out = new ArrayList<>();
    long n = Math.round((range[1] - range[0]) / range[2]);
    for (long i = 0; i <= n; i++) {
      double v = range[0] + i * range[2];
      double clean = Math.abs(v) < range[2] / 1e6 ? 0 : Math.round(v / range[2] * 1e6) / 1e6 * range[2];
      out.add(new Chart.Tick(r1(scaleY(plot, range, clean)), format.apply(clean)));
    }
    return out;
  }

  /** [low, high, step] widened to a step of 1, 2 or 5 × 10^k, about five ticks. */
  static double[] niceRange(double lo, double hi) {
    if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
      lo = 0;
      hi = 1;
    }
    if (hi - lo < 1e-12) {
      hi = lo + (lo == 0 ? 1 : Math.abs(lo) * 0.1);
    }
    double raw = (hi - lo) / 5;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = raw / mag <= 1 ? mag : raw / mag <= 2 ? 2 * mag : raw / mag <= 5 ? 5 * mag : 10 * mag;
    return new double[] {Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step, step};
  }

  private static final List<Duration> TIME_STEPS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
      Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6),
      Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(7), Duration.ofDays(14));

  private static List<Chart.Tick> timeTicks(Chart.Box plot, long t0, long t1) {
    long span = t1 - t0;
    Duration step = TIME_STEPS.get(TIME_STEPS.size() - 1);
    for (Duration d : TIME_STEPS) {
      if (span / d.toMillis() <= 6) {
        step = d;
        break;
      }
    }
    long s = step.toMillis();
    DateTimeFormatter f = DateTimeFormatter.ofPattern(s >= 86_400_000L ? "MMM d" : span > 86_400_000L
        ? "MMM d HH:mm" : "HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    List<Chart.Tick> out = new ArrayList<>();
    for (long t = Math.floorDiv(t0 + s - 1, s) * s; t <= t1; t += s) {
      out.add(new Chart.Tick(r1(plot.x() + (t - t0) * plot.w() / span), f.format(Instant.ofEpochMilli(t))));
    }
    return out;
  }

  private static double r1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /** A y-axis format for ratios as whole or one-decimal percentages. */
  public static String percentTick(double ratio) {
    double p = Math.round(ratio * 100 * 1e6) / 1e6;
    return (p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p)) + "%";
  }

  /** A y-axis format for burn rates: {@code 14.4×}. */
  public static String burnTick(double rate) {
    rate = Math.round(rate * 1e6) / 1e6;
    return (rate == Math.rint(rate) ? String.format(Locale.ROOT, "%.0f", rate)
        : String.format(Locale.ROOT, "%.1f", rate)) + "×";
  }
}
