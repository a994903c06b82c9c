package io.glasshouse.statuspage.capacity;

import static io.glasshouse.statuspage.capacity.ReportText.esc;

import io.glasshouse.rollup.capacity.CapacitySnapshot;
import io.glasshouse.rollup.forecast.Forecast;
import io.glasshouse.rollup.forecast.PathPoint;
import io.glasshouse.rollup.forecast.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One indicator's chart as inline SVG: history (solid), forecast (dashed), 80% and 95% interval bands, the
 * capacity line and the target-utilisation line, a "now" marker, axes with labelled ticks and a legend. Pure.
 */
final class CapacityChart {
  static final int W = 760;
  static final int H = 290;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 14;
  private static final int BOTTOM = 56;
  /** Most forecast points drawn. */
  private static final int MAX_PATH = 600;

  private final long t0;
  private final long t1;
  private final double y0;
  private final double y1;

  private CapacityChart(long t0, long t1, double y0, double y1) {
    this.t0 = t0;
    this.t1 = t1;
    this.y0 = y0;
    this.y1 = y1;
  }

  static String svg(CapacitySnapshot s) {
    List<double[]> history = s.history().map(h -> downsample(h, MAX_HISTORY_POINTS))
        .orElse(List.of());
    List<PathPoint> path = new ArrayList<>();
    if (s.currentAt().isPresent() && Double.isFinite(s.current())) {
      double c = s.current();
      path.add(new PathPoint(s.currentAt().get(), c, c, c, c, c));
    }
    List<PathPoint> full = path(s);
    if (!full.isEmpty()) {
      Instant origin = s.currentAt().orElse(full.get(0).time());
      Instant end = origin.plus(shownForecast(s, history));
      List<PathPoint> shown = full.stream().filter(p -> !p.time().isAfter(end)).toList();
      int stride = Math.max(1, (int) Math.ceil(shown.size() / (double) MAX_PATH));
      for (int i = 0; i < shown.size(); i += stride) {
        path.add(shown.get(i));
      }
      if (!shown.isEmpty() && (shown.size() - 1) % stride != 0) {
        path.add(shown.get(shown.size() - 1));
      }
    }
    long tMin = Long.MAX_VALUE;
    long tMax = Long.MIN_VALUE;
    double vMin = 0;
    double vMax = Double.NEGATIVE_INFINITY;
    for (double[] p : history) {
      tMin = Math.min(tMin, (long) p[0]);
      tMax = Math.max(tMax, (long) p[0]);
      vMin = Math.min(vMin, p[1]);
      vMax = Math.max(vMax, p[1]);
    }
    // The axis always covers the history, the point forecast, its 80% band and the capacity line; the 95% band
    // too unless it reaches past half as much again, in which case it is cut there and the cut is labelled.
    double hi95 = Double.NEGATIVE_INFINITY;
    for (PathPoint p : path) {
      tMin = Math.min(tMin, p.time().toEpochMilli());
      tMax = Math.max(tMax, p.time().toEpochMilli());
      vMin = Math.min(vMin, finiteOr(p.lo80(), vMin));
      vMax = Math.max(vMax, Math.max(finiteOr(p.value(), vMax), finiteOr(p.hi80(), vMax)));
      hi95 = Math.max(hi95, finiteOr(p.hi95(), hi95));
    }
    double capacity = s.capacity();
    double target = capacity * s.indicator().targetUtilisation();
    if (Double.isFinite(capacity)) {
      vMax = Math.max(vMax, capacity);
    }
    double band95Limit = vMax + Math.abs(vMax - vMin) * 0.5;
    double clippedAt = Double.NaN;
    if (hi95 > band95Limit) {
      clippedAt = band95Limit;
      vMax = band95Limit;
    } else {
      vMax = Math.max(vMax, hi95);
    }
    if (tMin == Long.MAX_VALUE) {
      tMin = s.computedAt().toEpochMilli() - 3_600_000;
      tMax = s.computedAt().toEpochMilli();
    }
    if (tMax <= tMin) {
      tMax = tMin + 3_600_000;
    }
    if (!Double.isFinite(vMax) || vMax <= vMin) {
      vMax = vMin + 1;
    }
    double scale = Units.tickScale(vMax, s.indicator().unit());
    double[] ticks = niceTicks(vMin / scale, (vMax + (vMax - vMin) * 0.05) / scale, 5);
    for (int i = 0; i < ticks.length; i++) {
      ticks[i] *= scale;
    }
    CapacityChart c = new CapacityChart(tMin, tMax, ticks[0], ticks[ticks.length - 1]);
    return c.render(s, history, path, ticks, capacity, target, clippedAt);
  }

  /**
   * How much of the forecast to draw: as long as the history shown, or a fifth past the upper-95 exhaustion when that
   * is later, never past the longest horizon. Keeps a 90-day horizon from squashing a few days of history.
   */
  static Duration shownForecast(CapacitySnapshot s, List<double[]> history) {
    Duration span = history.size() > 1
        ? Duration.ofMillis((long) (history.get(history.size() - 1)[0] - history.get(0)[0])) : Duration.ofDays(1);
    Duration longest = s.horizons().stream().map(h -> h.horizon()).max(Duration::compareTo).orElse(span);
    Duration shown = span;
    Optional<Duration> exhaustion = s.upperExhaustionAt().flatMap(t -> s.currentAt().map(c -> Duration.between(c, t)));
    if (exhaustion.isPresent() && exhaustion.get().multipliedBy(6).dividedBy(5).compareTo(shown) > 0) {
      shown = exhaustion.get().multipliedBy(6).dividedBy(5);
    }
    return shown.compareTo(longest) > 0 ? longest : shown;
  }

  private static double finiteOr(double v, double dflt) {
    return Double.isFinite(v) ? v : dflt;
  }

  private String render(CapacitySnapshot s, List<double[]> history, List<PathPoint> path, double[] ticks,
      double capacity, double target, double clippedAt) {
    String id = "chart-" + s.name();
    Optional<String> u = s.indicator().unit();
    StringBuilder b = new StringBuilder(8192);
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(W).append(' ')
        .append(H).append("\" width=\"").append(W).append("\" height=\"").append(H)
        .append("\" role=\"img\" aria-labelledby=\"").append(esc(id)).append("\">\n<title id=\"").append(esc(id))
        .append("\">").append(esc(s.name())).append(": history, forecast with 80% and 95% intervals, capacity ")
        .append(esc(Units.format(capacity, u))).append("</title>\n");
    // grid and y axis labels
    b.append("<g class=\"y-axis\">");
    for (double t : ticks) {
      double y = y(t);
      b.append("<line x1=\"").append(f(LEFT)).append("\" y1=\"").append(f(y)).append("\" x2=\"").append(f(W - RIGHT))
          .append("\" y2=\"").append(f(y)).append("\" stroke=\"#e6e6e6\"/>");
      b.append("<text x=\"").append(f(LEFT - 6)).append("\" y=\"").append(f(y + 4))
          .append("\" text-anchor=\"end\">").append(esc(Units.bare(t, u))).append("</text>");
    }
    b.append("</g>\n");
    // x axis labels
    Duration span = Duration.ofMillis(t1 - t0);
    b.append("<g class=\"x-axis\">");
    int xticks = 6;
    for (int i = 0; i <= xticks; i++) {
      long t = t0 + (t1 - t0) * i / xticks;
      double x = x(t);
      b.append("<line x1=\"").append(f(x)).append("\" y1=\"").append(f(H - BOTTOM)).append("\" x2=\"").append(f(x))
          .append("\" y2=\"").append(f(H - BOTTOM + 4)).append("\" stroke=\"#999\"/>");
      String anchor = i == 0 ? "start" : i == xticks ? "end" : "middle";
      b.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(H - BOTTOM + 16)).append("\" text-anchor=\"")
          .append(anchor).append("\">").append(esc(ReportText.axisTime(Instant.ofEpochMilli(t), span)))
          .append("</text>");
    }
    b.append("</g>\n");
    // bands and lines
    if (path.size() > 1) {
      b.append(band(path, true, "#d6e4f5", "95% interval"));
      b.append(band(path, false, "#a8c6ec", "80% interval"));
    }
    if (!history.isEmpty()) {
      b.append("<polyline class=\"history\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.2\" points=\"");
      for (double[] p : history) {
        b.append(f(x((long) p[0]))).append(',').append(f(y(p[1]))).append(' ');
      }
      b.append("\"/>\n");
    }
    if (path.size() > 1) {
      b.append("<polyline class=\"forecast\" fill=\"none\" stroke=\"#1a5fb4\" stroke-width=\"1.5\" "
          + "stroke-dasharray=\"6 3\" points=\"");
      for (PathPoint p : path) {
        b.append(f(x(p.time().toEpochMilli()))).append(',').append(f(y(p.value()))).append(' ');
      }
      b.append("\"/>\n");
    }
    if (Double.isFinite(capacity)) {
      hline(b, "capacity", capacity, "#c01c28", null, "capacity " + Units.format(capacity, u));
      hline(b, "target", target, "#e66100", "4 3",
          "target " + ReportText.pct(s.indicator().targetUtilisation()) + " = " + Units.format(target, u));
    }
    if (Double.isFinite(clippedAt)) {
      b.append("<text class=\"clipped\" x=\"").append(W - RIGHT - 4).append("\" y=\"").append(TOP + 10)
          .append("\" text-anchor=\"end\" style=\"fill:#555\">95% band cut at ").append(esc(Units.format(clippedAt, u)))
          .append(" ▲</text>\n");
    }
    double now = x(s.computedAt().toEpochMilli());
    if (now >= LEFT && now <= W - RIGHT) {
      b.append("<line class=\"now\" x1=\"").append(f(now)).append("\" y1=\"").append(f(TOP)).append("\" x2=\"")
          .append(f(now)).append("\" y2=\"").append(f(H - BOTTOM)).append("\" stroke=\"#777\" stroke-dasharray=\"2 3\"/>")
          .append("<text x=\"").append(f(now + 3)).append("\" y=\"").append(f(TOP + 10)).append("\">now</text>\n");
    }
    // axes
    b.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
        .append("\" y2=\"").append(H - BOTTOM).append("\" stroke=\"#555\"/>")
        .append("<line x1=\"").append(LEFT).append("\" y1=\"").append(H - BOTTOM).append("\" x2=\"").append(W - RIGHT)
        .append("\" y2=\"").append(H - BOTTOM).append("\" stroke=\"#555\"/>\n");
    b.append("<text x=\"12\" y=\"").append(f(TOP + (H - TOP - BOTTOM) / 2.0)).append("\" transform=\"rotate(-90 12 ")
        .append(f(TOP + (H - TOP - BOTTOM) / 2.0)).append(")\" text-anchor=\"middle\">")
        .append(esc(s.indicator().fn() + "(" + s.indicator().metric() + ")"
            + u.map(x -> x.equals(Units.FRACTION) ? " %" : " " + x).orElse(""))).append("</text>\n");
    // legend
    int ly = H - 14;
    b.append("<g class=\"legend\">")
        .append(legend(LEFT, ly, "#333", null, "history"))
        .append(legend(LEFT + 90, ly, "#1a5fb4", "6 3", "forecast"))
        .append("<rect x=\"").append(LEFT + 190).append("\" y=\"").append(ly - 8).append("\" width=\"18\" height=\"10\" "
            + "fill=\"#a8c6ec\"/><text x=\"").append(LEFT + 212).append("\" y=\"").append(ly).append("\">80%</text>")
        .append("<rect x=\"").append(LEFT + 250).append("\" y=\"").append(ly - 8).append("\" width=\"18\" height=\"10\" "
            + "fill=\"#d6e4f5\"/><text x=\"").append(LEFT + 272).append("\" y=\"").append(ly).append("\">95%</text>")
        .append(legend(LEFT + 320, ly, "#c01c28", null, "capacity"))
        .append(legend(LEFT + 420, ly, "#e66100", "4 3", "target"))
        .append("</g>\n</svg>\n");
    return b.toString();
  }

  private String band(List<PathPoint> path, boolean p95, String fill, String label) {
    StringBuilder b = new StringBuilder("<polygon class=\"band").append(p95 ? "95" : "80").append("\" fill=\"")
        .append(fill).append("\" stroke=\"none\" points=\"");
    for (PathPoint p : path) {
      b.append(f(x(p.time().toEpochMilli()))).append(',').append(f(y(p95 ? p.hi95() : p.hi80()))).append(' ');
    }
    for (int i = path.size() - 1; i >= 0; i--) {
      PathPoint p = path.get(i);
      b.append(f(x(p.time().toEpochMilli()))).append(',').append(f(y(p95 ? p.lo95() : p.lo80()))).append(' ');
    }
    return b.append("\"><title>").append(label).append("</title></polygon>\n").toString();
  }

  private void hline(StringBuilder b, String cls, double v, String colour, String dash, String label) {
    double y = y(v);
    b.append("<line class=\"").append(cls).append("\" x1=\"").append(LEFT).append("\" y1=\"").append(f(y))
        .append("\" x2=\"").append(W - RIGHT).append("\" y2=\"").append(f(y)).append("\" stroke=\"").append(colour)
        .append("\" stroke-width=\"1.5\"");
    if (dash != null) {
      b.append(" stroke-dasharray=\"").append(dash).append('"');
    }
    // capacity labelled at the left, target at the right, so the two never overlap when they are close
    boolean right = cls.equals("target");
    b.append("/><text x=\"").append(right ? W - RIGHT - 6 : LEFT + 6).append("\" y=\"").append(f(y - 4))
        .append(right ? "\" text-anchor=\"end" : "").append("\" style=\"fill:")
        .append(colour).append("\">").append(esc(label)).append("</text>\n");
  }

  private static String legend(int x, int y, String colour, String dash, String label) {
    return "<line x1=\"" + x + "\" y1=\"" + (y - 4) + "\" x2=\"" + (x + 18) + "\" y2=\"" + (y - 4) + "\" stroke=\""
        + colour + "\" stroke-width=\"2\"" + (dash == null ? "" : " stroke-dasharray=\"" + dash + "\"") + "/><text x=\""
        + (x + 22) + "\" y=\"" + y + "\">" + label + "</text>";
  }

  private double x(long t) {
    return LEFT + (t - t0) / (double) (t1 - t0) * (W - LEFT - RIGHT);
  }

  private double y(double v) {
    double c = Math.max(y0, Math.min(y1, v));
    return H - BOTTOM - (c - y0) / (y1 - y0) * (H - TOP - BOTTOM);
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Round tick values covering [lo, hi], about {@code n} of them, on a 1-2-5 grid. */
  static double[] niceTicks(double lo, double hi, int n) {
    double range = hi - lo;
    double raw = range / n;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double norm = raw / mag;
    double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
    double start = Math.floor(lo / step) * step;
    double end = Math.ceil(hi / step) * step;
    int count = (int) Math.round((end - start) / step) + 1;
    double[] t = new double[count];
    for (int i = 0; i < count; i++) {
      t[i] = start + i * step;
    }
    return t;
  }

  /** Most history points put into a detail JSON or a chart. */
  static final int MAX_HISTORY_POINTS = 1000;

  /** At most {@code max} points {time, value} of the series' observed values: min and max per bucket, in order. */
  static List<double[]> downsample(Series s, int max) {
    List<double[]> out = new ArrayList<>();
    int n = s.size();
    int buckets = Math.max(1, max / 2);
    int per = Math.max(1, (int) Math.ceil(n / (double) buckets));
    if (per == 1) {
      for (int i = 0; i < n; i++) {
        if (Double.isFinite(s.valueAt(i))) {
          out.add(new double[] {s.timeAt(i), s.valueAt(i)});
        }
      }
      return out;
    }
    for (int start = 0; start < n; start += per) {
      int lo = -1;
      int hi = -1;
      for (int i = start; i < Math.min(n, start + per); i++) {
        double v = s.valueAt(i);
        if (Double.isFinite(v)) {
          if (lo < 0 || v < s.valueAt(lo)) {
            lo = i;
          }
          if (hi < 0 || v > s.valueAt(hi)) {
            hi = i;
          }
        }
      }
      if (lo < 0) {
        continue;
      }
      int a = Math.min(lo, hi);
      int c = Math.max(lo, hi);
      out.add(new double[] {s.timeAt(a), s.valueAt(a)});
      if (c != a) {
        out.add(new double[] {s.timeAt(c), s.valueAt(c)});
      }
    }
    return out;
  }

  static List<PathPoint> path(CapacitySnapshot s) {
    return s.forecast().map(Forecast::path).orElse(List.of());
  }
}
