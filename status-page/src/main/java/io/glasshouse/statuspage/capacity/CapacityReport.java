package io.glasshouse.statuspage.capacity;

import io.glasshouse.rollup.capacity.CapacityIndicator;
import io.glasshouse.rollup.capacity.CapacityResult;
import io.glasshouse.rollup.capacity.CapacitySnapshot;
import io.glasshouse.rollup.forecast.Exhaustion;
import io.glasshouse.rollup.forecast.Forecast;
import io.glasshouse.rollup.forecast.HorizonForecast;
import io.glasshouse.rollup.forecast.InstancesNeeded;
import io.glasshouse.rollup.forecast.PathPoint;
import io.glasshouse.rollup.forecast.Series;
import io.glasshouse.rollup.query.TimeSyntax;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Renders capacity snapshots as JSON, CSV and a self-contained HTML page (inline SVG charts, no external assets).
 * Pure and thread-safe: the same input gives the same output; no clock, no I/O.
 *
 * <p>CSV columns (one row per indicator, ordered by upper-95 time to exhaustion, soonest first): the fixed
 * {@link #CSV_FIXED_COLUMNS}, then for each forecast horizon {@code h} (e.g. {@code 30m}, {@code 1h}, {@code 7d},
 * {@code 90d}) the columns {@code point_h, lo80_h, hi80_h, lo95_h, hi95_h, instances_h} ({@code instances_h}: the
 * instances needed by the upper 80% bound; empty for absolute capacity). Times are ISO-8601 UTC; an empty cell
 * means "not within the forecast" (exhaustion) or "unknown".
 */
public final class CapacityReport {
  /** The leading CSV columns, in order. */
  public static final List<String> CSV_FIXED_COLUMNS = List.of("name", "service", "metric", "fn", "match", "unit",
      "capacity_kind", "capacity_per_unit", "live_instances", "capacity", "target_utilisation", "current",
      "current_at", "utilisation", "suggested_severity", "exhaustion_upper95", "exhaustion_point",
      "target_exhaustion_upper95", "target_exhaustion_point", "anomaly_score", "anomaly_flagged", "model", "error",
      "computed_at");
  /** Most history points put into a detail JSON or a chart. */
  static final int MAX_HISTORY_POINTS = 1000;
  private static final DateTimeFormatter LABEL_DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter LABEL_TIME = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private CapacityReport() {
  }

  // ---------------------------------------------------------------------------------------------------- JSON

  /** {@code {"computedAt": …, "indicators": [ … ]}} in the result's (configuration) order, without chart data. */
  public static JsonObject json(CapacityResult result) {
    JsonArray list = new JsonArray();
    result.indicators().forEach(s -> list.add(json(s, false)));
    return new JsonObject().put("computedAt", result.computedAt().toString()).put("indicators", list);
  }

  /** The same as {@link #json(CapacityResult)} ordered by upper-95 time to exhaustion, soonest first. */
  public static JsonObject jsonByExhaustion(CapacityResult result) {
    JsonArray list = new JsonArray();
    result.byExhaustion().forEach(s -> list.add(json(s, false)));
    return new JsonObject().put("computedAt", result.computedAt().toString()).put("indicators", list);
  }

  /** One indicator; with {@code detail}, also {@code history} and the forecast {@code path} for charts. */
  public static JsonObject json(CapacitySnapshot s, boolean detail) {
    CapacityIndicator ind = s.indicator();
    JsonObject o = new JsonObject()
        .put("name", ind.name())
        .put("service", ind.service())
        .put("metric", ind.metric())
        .put("fn", ind.fn())
        .put("match", ind.match().isBlank() ? null : ind.match())
        .put("unit", ind.unit().orElse(null))
        .put("computedAt", s.computedAt().toString())
        .put("capacity", new JsonObject()
            .put("kind", ind.capacity().kind().key())
            .put("amount", num(ind.capacity().amount()))
            .put("liveInstances", s.liveInstances())
            .put("total", num(s.capacity())))
        .put("targetUtilisation", ind.targetUtilisation())
        .put("current", num(s.current()))
        .put("currentAt", s.currentAt().map(Instant::toString).orElse(null))
        .put("utilisation", num(s.utilisation()))
        .put("model", s.model().orElse(null))
        .put("fallbackReason", s.forecast().flatMap(Forecast::fallbackReason).orElse(null))
        .put("notes", new JsonArray(s.forecast().map(Forecast::notes).orElse(List.of())));
    JsonArray horizons = new JsonArray();
    for (HorizonForecast h : s.horizons()) {
      horizons.add(new JsonObject().put("horizon", h.horizon().toString()).put("label", label(h.horizon()))
          .put("at", h.at().toString()).put("point", num(h.point()))
          .put("lo80", num(h.lo80())).put("hi80", num(h.hi80())).put("lo95", num(h.lo95())).put("hi95", num(h.hi95()))
          .put("model", h.model()));
    }
    o.put("forecast", horizons);
    o.put("timeToExhaustion", exhaustion(s.exhaustion(), s.computedAt()));
    o.put("timeToTarget", exhaustion(s.targetExhaustion(), s.computedAt()));
    JsonArray needed = new JsonArray();
    for (InstancesNeeded n : s.instancesNeeded()) {
      needed.add(new JsonObject().put("horizon", n.horizon().toString()).put("label", label(n.horizon()))
          .put("at", n.at().toString()).put("forPoint", n.forPoint()).put("forUpper80", n.forUpper80()));
    }
    o.put("instancesNeeded", needed);
    CapacityAdvice advice = CapacityAdvice.of(s);
    o.put("advice", new JsonObject().put("action", advice.action()).put("add", num(advice.add()))
        .put("total", num(advice.total())).put("by", advice.by().map(Instant::toString).orElse(null))
        .put("text", advice.text()));
    o.put("anomaly", new JsonObject().put("score", num(s.anomalyScore())).put("flagged", s.anomalous()));
    o.put("suggestedSeverity", s.suggestedSeverity());
    o.put("error", s.error().orElse(null));
    if (detail) {
      JsonArray history = new JsonArray();
      s.history().ifPresent(h -> {
        for (double[] p : downsample(h, MAX_HISTORY_POINTS)) {
          history.add(new JsonObject().put("t", Instant.ofEpochMilli((long) p[0]).toString()).put("v", num(p[1])));
        }
      });
      JsonArray path = new JsonArray();
      s.forecast().ifPresent(f -> f.path().forEach(p -> path.add(new JsonObject().put("t", p.time().toString())
          .put("v", num(p.value())).put("lo80", num(p.lo80())).put("hi80", num(p.hi80()))
          .put("lo95", num(p.lo95())).put("hi95", num(p.hi95())))));
      o.put("history", history).put("path", path);
    }
    return o;
  }

  private static JsonObject exhaustion(Optional<Exhaustion> e, Instant now) {
    Optional<Instant> point = e.flatMap(Exhaustion::point);
    Optional<Instant> upper = e.flatMap(Exhaustion::upper95);
    return new JsonObject()
        .put("threshold", e.map(x -> num(x.capacity())).orElse(null))
        .put("point", point.map(Instant::toString).orElse(null))
        .put("pointSeconds", point.map(t -> seconds(now, t)).orElse(null))
        .put("upper95", upper.map(Instant::toString).orElse(null))
        .put("upper95Seconds", upper.map(t -> seconds(now, t)).orElse(null));
  }

  private static Long seconds(Instant now, Instant t) {
    return Math.max(0, Duration.between(now, t).getSeconds());
  }

  private static Double num(double v) {
    return Double.isFinite(v) ? v : null;
  }

  // ----------------------------------------------------------------------------------------------------- CSV

  /** The CSV header for these horizons: {@link #CSV_FIXED_COLUMNS} then six columns per horizon. */
  public static List<String> csvHeader(List<Duration> horizons) {
    List<String> cols = new ArrayList<>(CSV_FIXED_COLUMNS);
    for (Duration h : horizons) {
      String l = label(h);
      cols.addAll(List.of("point_" + l, "lo80_" + l, "hi80_" + l, "lo95_" + l, "hi95_" + l, "instances_" + l));
    }
    return cols;
  }

  /** RFC 4180 CSV (CRLF line ends, written by Jackson's CSV data format), one row per indicator, soonest upper-95 exhaustion first. */
  public static String csv(CapacityResult result) {
    Set<Duration> horizonSet = new LinkedHashSet<>();
    result.indicators().forEach(s -> s.horizons().forEach(h -> horizonSet.add(h.horizon())));
    List<Duration> horizons = List.copyOf(horizonSet);
    StringBuilder b = new StringBuilder();
    row(b, csvHeader(horizons));
    for (CapacitySnapshot s : result.byExhaustion()) {
      CapacityIndicator ind = s.indicator();
      List<String> r = new ArrayList<>();
      r.add(ind.name());
      r.add(ind.service());
      r.add(ind.metric());
      r.add(ind.fn());
      r.add(ind.match());
      r.add(ind.unit().orElse(""));
      r.add(ind.capacity().kind().key());
      r.add(plain(ind.capacity().amount()));
      r.add(Integer.toString(s.liveInstances()));
      r.add(plain(s.capacity()));
      r.add(plain(ind.targetUtilisation()));
      r.add(plain(s.current()));
      r.add(s.currentAt().map(Instant::toString).orElse(""));
      r.add(plain(s.utilisation()));
      r.add(s.suggestedSeverity());
      r.add(s.upperExhaustionAt().map(Instant::toString).orElse(""));
      r.add(s.pointExhaustionAt().map(Instant::toString).orElse(""));
      r.add(s.targetExhaustion().flatMap(Exhaustion::upper95).map(Instant::toString).orElse(""));
      r.add(s.targetExhaustion().flatMap(Exhaustion::point).map(Instant::toString).orElse(""));
      r.add(plain(s.anomalyScore()));
      r.add(Boolean.toString(s.anomalous()));
      r.add(s.model().orElse(""));
      r.add(s.error().orElse(""));
      r.add(s.computedAt().toString());
      for (Duration d : horizons) {
        Optional<HorizonForecast> h = s.horizons().stream().filter(x -> x.horizon().equals(d)).findFirst();
        r.add(h.map(x -> plain(x.point())).orElse(""));
        r.add(h.map(x -> plain(x.lo80())).orElse(""));
        r.add(h.map(x -> plain(x.hi80())).orElse(""));
        r.add(h.map(x -> plain(x.lo95())).orElse(""));
        r.add(h.map(x -> plain(x.hi95())).orElse(""));
        r.add(s.instancesNeeded().stream().filter(x -> x.horizon().equals(d)).findFirst()
            .map(x -> Integer.toString(x.forUpper80())).orElse(""));
      }
      row(b, r);
    }
    return b.toString();
  }

  /** RFC 4180 rows through Jackson's CSV writer: quoting only where needed, CRLF line ends. */
  private static final CsvMapper CSV = CsvMapper.builder()
      .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
  private static final ObjectWriter CSV_WRITER = CSV.writerFor(List.class)
      .with(CsvSchema.emptySchema().withLineSeparator("\r\n"));

  private static void row(StringBuilder b, List<String> cells) {
    try {
      b.append(CSV_WRITER.writeValueAsString(cells));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("CSV row could not be written: " + e.getMessage(), e);
    }
  }

  /** A number without exponent noise: integers as integers, others with up to 6 significant decimals. */
  static String plain(double v) {
    if (!Double.isFinite(v)) {
      return "";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(10)).stripTrailingZeros().toPlainString();
  }

  // ---------------------------------------------------------------------------------------------------- HTML

  /**
   * Links shown at the top of the HTML page; either may be null (the offline report has none).
   *
   * @param csv href of the CSV download
   * @param json href of the JSON download
   */
  public record Links(String csv, String json) {
    public static final Links NONE = new Links(null, null);
  }

  /**
   * A complete, well-formed (XHTML-compatible) HTML page: a table sortable by time to exhaustion (sorted that way
   * without JavaScript; a few lines of inline script re-sort on a header click) and one section per indicator with
   * an inline SVG chart of history, forecast, 80%/95% bands, capacity and target lines.
   */
  public static String html(CapacityResult result, Links links) {
    return html(result, links, null);
  }

  /**
   * The page as {@link #html(CapacityResult, Links)}, but loading its sorting script from {@code scriptSrc}
   * (served with {@link #script()}) instead of inline, so a Content-Security-Policy can forbid inline
   * scripts; inline when {@code scriptSrc} is null (the standalone file report).
   */
  public static String html(CapacityResult result, Links links, String scriptSrc) {
    List<CapacitySnapshot> rows = result.byExhaustion();
    List<Duration> horizons = new ArrayList<>();
    rows.forEach(s -> s.horizons().forEach(h -> {
      if (!horizons.contains(h.horizon())) {
        horizons.add(h.horizon());
      }
    }));
    StringBuilder b = new StringBuilder(16_384);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>Glasshouse capacity report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
        .append("<header><h1>Capacity report</h1><p>Computed at <time datetime=\"").append(result.computedAt())
        .append("\">").append(esc(LABEL_TIME.format(result.computedAt()))).append(" UTC</time> for ")
        .append(rows.size()).append(rows.size() == 1 ? " indicator" : " indicators").append(".");
    if (links.csv() != null || links.json() != null) {
      b.append(" Download:");
      if (links.csv() != null) {
        b.append(" <a href=\"").append(esc(links.csv())).append("\" download=\"capacity.csv\">CSV</a>");
      }
      if (links.json() != null) {
        b.append(" <a href=\"").append(esc(links.json())).append("\" download=\"capacity.json\">JSON</a>");
      }
    }
    b.append("</p><p class=\"hint\">Sorted by when the upper 95% bound of the forecast reaches capacity, soonest first; "
        + "click a column heading to sort by it. <b>What to do</b> says, for each indicator, what to add, how much "
        + "and by when to stay under its target utilisation, provisioning for the upper 80% bound of the "
        + "forecast. ").append(esc(Units.explanation())).append("</p></header>\n");
    table(b, rows, horizons);
    for (CapacitySnapshot s : rows) {
      section(b, s);
    }
    glossary(b);
    if (scriptSrc == null) {
      b.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
    } else {
      b.append("<script src=\"").append(esc(scriptSrc)).append("\"></script>\n</body>\n</html>\n");
    }
    return b.toString();
  }

  /** The report's sorting script, for serving as a file next to the page. */
  public static String script() {
    return SCRIPT;
  }

  private static void table(StringBuilder b, List<CapacitySnapshot> rows, List<Duration> horizons) {
    b.append("<table id=\"capacity\" class=\"sortable\">\n<thead><tr>")
        .append("<th data-type=\"text\" scope=\"col\">Indicator</th>")
        .append("<th data-type=\"text\" scope=\"col\">What to do</th>")
        .append("<th data-type=\"num\" scope=\"col\">Now</th>")
        .append("<th data-type=\"num\" scope=\"col\">Capacity</th>")
        .append("<th data-type=\"num\" scope=\"col\">Utilisation</th>")
        .append("<th data-type=\"num\" scope=\"col\" aria-sort=\"ascending\">Exhausted (upper 95%)</th>")
        .append("<th data-type=\"num\" scope=\"col\">Exhausted (forecast)</th>")
        .append("<th data-type=\"num\" scope=\"col\">Target reached (forecast)</th>");
    for (Duration h : horizons) {
      b.append("<th data-type=\"num\" scope=\"col\">In ").append(label(h)).append(" (80%)</th>");
    }
    b.append("<th data-type=\"num\" scope=\"col\">Instances needed</th>")
        .append("<th data-type=\"num\" scope=\"col\">Anomaly</th>")
        .append("<th data-type=\"text\" scope=\"col\">Severity</th>")
        .append("</tr></thead>\n<tbody>\n");
    for (CapacitySnapshot s : rows) {
      Optional<String> unit = s.indicator().unit();
      CapacityAdvice advice = CapacityAdvice.of(s);
      b.append("<tr class=\"sev-").append(s.suggestedSeverity()).append("\">");
      b.append("<th scope=\"row\" data-v=\"").append(esc(s.name())).append("\"><a href=\"#ind-").append(esc(s.name()))
          .append("\">").append(esc(s.name())).append("</a><br/><small>").append(esc(s.indicator().service()))
          .append(" · ").append(esc(s.indicator().fn())).append("(").append(esc(s.indicator().metric()))
          .append(")</small></th>");
      b.append("<td class=\"advice advice-").append(advice.action()).append("\" data-v=\"")
          .append(advice.by().map(t -> Long.toString(t.getEpochSecond())).orElse("1e15")).append("\">")
          .append(esc(advice.text())).append("</td>");
      cell(b, s.current(), Units.format(s.current(), unit));
      cell(b, s.capacity(), Units.format(s.capacity(), unit) + (s.indicator().capacity().kind()
          == CapacityIndicator.Capacity.Kind.PER_INSTANCE ? " (" + s.liveInstances() + " × "
          + Units.format(s.indicator().capacity().amount(), unit) + ")" : ""));
      cell(b, s.utilisation(), Double.isFinite(s.utilisation()) ? pct(s.utilisation()) : "–");
      timeCell(b, s, s.upperExhaustionAt());
      timeCell(b, s, s.pointExhaustionAt());
      timeCell(b, s, s.targetExhaustion().flatMap(Exhaustion::point));
      for (Duration d : horizons) {
        Optional<HorizonForecast> h = s.horizons().stream().filter(x -> x.horizon().equals(d)).findFirst();
        if (h.isPresent()) {
          HorizonForecast x = h.get();
          cell(b, x.point(), Units.format(x.point(), unit) + " (" + Units.bare(x.lo80(), unit) + "–"
              + Units.bare(x.hi80(), unit) + ")");
        } else {
          cell(b, Double.NaN, "–");
        }
      }
      boolean instances = advice.action().equals("instances")
          || advice.action().equals("none") && Double.isFinite(advice.total());
      cell(b, instances ? advice.total() : Double.NaN, instances ? (int) advice.total() + " (now "
          + s.liveInstances() + ")" : "–");
      cell(b, s.anomalyScore(), String.format(Locale.ROOT, "%.2f", s.anomalyScore()) + (s.anomalous() ? " ⚠" : ""));
      b.append("<td data-v=\"").append(s.suggestedSeverity()).append("\">").append(s.suggestedSeverity())
          .append("</td>");
      b.append("</tr>\n");
    }
    b.append("</tbody>\n</table>\n");
  }

  private static void cell(StringBuilder b, double sortValue, String text) {
    b.append("<td data-v=\"").append(Double.isFinite(sortValue) ? Double.toString(sortValue) : "")
        .append("\">").append(esc(text)).append("</td>");
  }

  /** Sort values: epoch seconds; never reached sorts after every time, an error after that. */
  private static void timeCell(StringBuilder b, CapacitySnapshot s, Optional<Instant> t) {
    String v = t.map(x -> Long.toString(x.getEpochSecond())).orElse(s.error().isPresent() ? "2e15" : "1e15");
    String text = t.map(x -> LABEL_TIME.format(x) + " (" + relative(Duration.between(s.computedAt(), x)) + ")").orElse(s.error().isPresent() ? "unknown" : "not within forecast");
    b.append("<td data-v=\"").append(v).append("\">");
    if (t.isPresent()) {
      b.append("<time datetime=\"").append(t.get()).append("\">").append(esc(text)).append("</time>");
    } else {
      b.append(esc(text));
    }
    b.append("</td>");
  }

  private static void section(StringBuilder b, CapacitySnapshot s) {
    CapacityIndicator ind = s.indicator();
    b.append("<section id=\"ind-").append(esc(s.name())).append("\">\n<h2>").append(esc(s.name())).append("</h2>\n")
        .append("<p>").append(esc(ind.service())).append(" · <code>").append(esc(ind.fn())).append("(")
        .append(esc(ind.metric())).append(ind.match().isBlank() ? "" : "{" + esc(ind.match()) + "}")
        .append(")</code>");
    b.append("</p>\n");
    b.append("<p class=\"advice\"><b>What to do:</b> ").append(esc(CapacityAdvice.of(s).text())).append("</p>\n");
    if (!s.horizons().isEmpty()) {
      b.append("<p class=\"model\">Forecast by: ");
      java.util.Map<String, List<String>> byModel = new java.util.LinkedHashMap<>();
      s.horizons().forEach(h -> byModel.computeIfAbsent(h.model(), k -> new ArrayList<>()).add(label(h.horizon())));
      List<String> parts = new ArrayList<>();
      byModel.forEach((m, hs) -> parts.add(String.join(", ", hs) + ": " + ModelWords.plain(m)));
      b.append(esc(String.join("; ", parts))).append(" <small>(see <a href=\"#models\">how the forecasts are made</a>)"
          + "</small></p>\n");
    }
    if (s.error().isPresent()) {
      b.append("<p class=\"error\">").append(esc(s.error().get())).append("</p>\n</section>\n");
      return;
    }
    b.append(CapacityChart.svg(s));
    List<String> notes = new ArrayList<>();
    s.forecast().flatMap(Forecast::fallbackReason).ifPresent(r -> notes.add("Fallback: " + r));
    s.forecast().ifPresent(f -> notes.addAll(f.notes()));
    if (!notes.isEmpty()) {
      b.append("<ul class=\"notes\">");
      notes.forEach(n -> b.append("<li>").append(esc(n)).append("</li>"));
      b.append("</ul>\n");
    }
    b.append("</section>\n");
  }

  private static void glossary(StringBuilder b) {
    b.append("<section id=\"models\">\n<h2>How the forecasts are made</h2>\n<p>Each indicator's history is tested "
        + "against its own past: several models forecast from many past points in time, and for each horizon the "
        + "one (or the combination) that was most accurate is used. The bands are the 80% and 95% prediction "
        + "intervals: the value is expected inside them 80% and 95% of the time.</p>\n<dl>\n");
    for (ModelWords.Entry e : ModelWords.GLOSSARY) {
      b.append("<dt>").append(esc(e.words())).append("</dt><dd>").append(esc(e.explanation())).append("</dd>\n");
    }
    b.append("</dl>\n<p><b>Outlying points clipped</b>: before fitting, a point far from the median of its "
        + "neighbours (a spike or a dip, such as a restart or a bad reading) is pulled back to the edge of their "
        + "usual range, so one odd reading does not bend the forecast. The history drawn is the data as observed; "
        + "only the fitting saw the clipped values. <b>Gaps imputed</b>: missing steps were filled in from their "
        + "neighbours for fitting.</p>\n</section>\n");
  }

  // ---------------------------------------------------------------------------------------------- formatting

  /** {@code Dec 3 14:05 UTC}. */
  static String dateTime(Instant t) {
    return LABEL_TIME.format(t) + " UTC";
  }

  /** {@code 30m}, {@code 1h}, {@code 1w}, {@code 90d}, {@code 1h30m}: {@link TimeSyntax#formatDuration}. */
  static String label(Duration d) {
    return TimeSyntax.formatDuration(d);
  }

  /** "in 3.5 h", or "already" when the time is not after now. */
  static String relative(Duration d) {
    return d.isNegative() || d.isZero() ? "already" : "in " + humanDuration(d);
  }

  static String humanDuration(Duration d) {
    if (d.isNegative() || d.isZero()) {
      return "0 min";
    }
    long m = d.toMinutes();
    if (m < 120) {
      return m + " min";
    }
    if (m < 48 * 60) {
      return String.format(Locale.ROOT, "%.1f h", m / 60.0);
    }
    return String.format(Locale.ROOT, "%.1f days", m / 1440.0);
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.0f%%", v * 100);
  }

  /** Compact number: 3 significant digits with k/M/G/T suffixes. */
  static String fmt(double v) {
    if (!Double.isFinite(v)) {
      return "–";
    }
    double a = Math.abs(v);
    String[] suffix = {"", "k", "M", "G", "T", "P"};
    int i = 0;
    while (a >= 1000 && i < suffix.length - 1) {
      a /= 1000;
      v /= 1000;
      i++;
    }
    String n;
    if (a == 0) {
      n = "0";
    } else if (a >= 100) {
      n = String.format(Locale.ROOT, "%.0f", v);
    } else if (a >= 10) {
      n = String.format(Locale.ROOT, "%.1f", v);
    } else if (a >= 0.01) {
      n = String.format(Locale.ROOT, "%.2f", v);
    } else {
      n = String.format(Locale.ROOT, "%.2g", v);
    }
    if (n.contains(".") && !n.contains("e")) {
      n = n.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return n + suffix[i];
  }

  static String axisTime(Instant t, Duration span) {
    return span.compareTo(Duration.ofDays(14)) > 0 ? LABEL_DAY.format(t) : LABEL_TIME.format(t);
  }

  /** Escapes text for element content and double-quoted attributes. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            b.append(' ');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

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

  /** The report's style sheet, inlined into the page ({@code capacity-report/report.css}). */
  private static final String CSS = Resources.text("capacity-report/report.css");

  /**
   * Sorts the table on a header click ({@code capacity-report/report.js}; no '<' or '&' in it, so the page
   * stays well-formed XML when the file report inlines it).
   */
  private static final String SCRIPT = Resources.text("capacity-report/report.js");
}
