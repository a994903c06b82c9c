package io.glasshouse.statuspage.capacity;

import io.glasshouse.rollup.capacity.CapacityIndicator;
import io.glasshouse.rollup.capacity.CapacityResult;
import io.glasshouse.rollup.capacity.CapacitySnapshot;
import io.glasshouse.rollup.forecast.Exhaustion;
import io.glasshouse.rollup.forecast.Forecast;
import io.glasshouse.rollup.forecast.HorizonForecast;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Capacity snapshots as one self-contained HTML page (inline SVG charts from {@link CapacityChart}, the style sheet
 * and the sorting script inlined, no external assets), for the staff report and the offline {@code report capacity}
 * file. Pure and thread-safe.
 */
public final class CapacityHtml {
  private CapacityHtml() {
  }

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
        .append("\">").append(ReportText.esc(ReportText.LABEL_TIME.format(result.computedAt()))).append(" UTC</time> for ")
        .append(rows.size()).append(rows.size() == 1 ? " indicator" : " indicators").append(".");
    if (links.csv() != null || links.json() != null) {
      b.append(" Download:");
      if (links.csv() != null) {
        b.append(" <a href=\"").append(ReportText.esc(links.csv())).append("\" download=\"capacity.csv\">CSV</a>");
      }
      if (links.json() != null) {
        b.append(" <a href=\"").append(ReportText.esc(links.json())).append("\" download=\"capacity.json\">JSON</a>");
      }
    }
    b.append("</p><p class=\"hint\">Sorted by when the upper 95% bound of the forecast reaches capacity, soonest first; "
        + "click a column heading to sort by it. <b>What to do</b> says, for each indicator, what to add, how much "
        + "and by when to stay under its target utilisation, provisioning for the upper 80% bound of the "
        + "forecast. ").append(ReportText.esc(Units.explanation())).append("</p></header>\n");
    table(b, rows, horizons);
    for (CapacitySnapshot s : rows) {
      section(b, s);
    }
    glossary(b);
    if (scriptSrc == null) {
      b.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
    } else {
      b.append("<script src=\"").append(ReportText.esc(scriptSrc)).append("\"></script>\n</body>\n</html>\n");
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
      b.append("<th data-type=\"num\" scope=\"col\">In ").append(ReportText.label(h)).append(" (80%)</th>");
    }
    b.append("<th data-type=\"num\" scope=\"col\">Instances needed</th>")
        .append("<th data-type=\"num\" scope=\"col\">Anomaly</th>")
        .append("<th data-type=\"text\" scope=\"col\">Severity</th>")
        .append("</tr></thead>\n<tbody>\n");
    for (CapacitySnapshot s : rows) {
      Optional<String> unit = s.indicator().unit();
      CapacityAdvice advice = CapacityAdvice.of(s);
      b.append("<tr class=\"sev-").append(s.suggestedSeverity()).append("\">");
      b.append("<th scope=\"row\" data-v=\"").append(ReportText.esc(s.name())).append("\"><a href=\"#ind-").append(ReportText.esc(s.name()))
          .append("\">").append(ReportText.esc(s.name())).append("</a><br/><small>").append(ReportText.esc(s.indicator().service()))
          .append(" · ").append(ReportText.esc(s.indicator().fn())).append("(").append(ReportText.esc(s.indicator().metric()))
          .append(")</small></th>");
      b.append("<td class=\"advice advice-").append(advice.action()).append("\" data-v=\"")
          .append(advice.by().map(t -> Long.toString(t.getEpochSecond())).orElse("1e15")).append("\">")
          .append(ReportText.esc(advice.text())).append("</td>");
      cell(b, s.current(), Units.format(s.current(), unit));
      cell(b, s.capacity(), Units.format(s.capacity(), unit) + (s.indicator().capacity().kind()
          == CapacityIndicator.Capacity.Kind.PER_INSTANCE ? " (" + s.liveInstances() + " × "
          + Units.format(s.indicator().capacity().amount(), unit) + ")" : ""));
      cell(b, s.utilisation(), Double.isFinite(s.utilisation()) ? ReportText.pct(s.utilisation()) : "–");
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
        .append("\">").append(ReportText.esc(text)).append("</td>");
  }

  /** Sort values: epoch seconds; never reached sorts after every time, an error after that. */
  private static void timeCell(StringBuilder b, CapacitySnapshot s, Optional<Instant> t) {
    String v = t.map(x -> Long.toString(x.getEpochSecond())).orElse(s.error().isPresent() ? "2e15" : "1e15");
    String text = t.map(x -> ReportText.LABEL_TIME.format(x) + " (" + ReportText.relative(Duration.between(s.computedAt(), x)) + ")").orElse(s.error().isPresent() ? "unknown" : "not within forecast");
    b.append("<td data-v=\"").append(v).append("\">");
    if (t.isPresent()) {
      b.append("<time datetime=\"").append(t.get()).append("\">").append(ReportText.esc(text)).append("</time>");
    } else {
      b.append(ReportText.esc(text));
    }
    b.append("</td>");
  }

  private static void section(StringBuilder b, CapacitySnapshot s) {
    CapacityIndicator ind = s.indicator();
    b.append("<section id=\"ind-").append(ReportText.esc(s.name())).append("\">\n<h2>").append(ReportText.esc(s.name())).append("</h2>\n")
        .append("<p>").append(ReportText.esc(ind.service())).append(" · <code>").append(ReportText.esc(ind.fn())).append("(")
        .append(ReportText.esc(ind.metric())).append(ind.match().isBlank() ? "" : "{" + ReportText.esc(ind.match()) + "}")
        .append(")</code>");
    b.append("</p>\n");
    b.append("<p class=\"advice\"><b>What to do:</b> ").append(ReportText.esc(CapacityAdvice.of(s).text())).append("</p>\n");
    if (!s.horizons().isEmpty()) {
      b.append("<p class=\"model\">Forecast by: ");
      java.util.Map<String, List<String>> byModel = new java.util.LinkedHashMap<>();
      s.horizons().forEach(h -> byModel.computeIfAbsent(h.model(), k -> new ArrayList<>()).add(ReportText.label(h.horizon())));
      List<String> parts = new ArrayList<>();
      byModel.forEach((m, hs) -> parts.add(String.join(", ", hs) + ": " + ModelWords.plain(m)));
      b.append(ReportText.esc(String.join("; ", parts))).append(" <small>(see <a href=\"#models\">how the forecasts are made</a>)"
          + "</small></p>\n");
    }
    if (s.error().isPresent()) {
      b.append("<p class=\"error\">").append(ReportText.esc(s.error().get())).append("</p>\n</section>\n");
      return;
    }
    b.append(CapacityChart.svg(s));
    List<String> notes = new ArrayList<>();
    s.forecast().flatMap(Forecast::fallbackReason).ifPresent(r -> notes.add("Fallback: " + r));
    s.forecast().ifPresent(f -> notes.addAll(f.notes()));
    if (!notes.isEmpty()) {
      b.append("<ul class=\"notes\">");
      notes.forEach(n -> b.append("<li>").append(ReportText.esc(n)).append("</li>"));
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
      b.append("<dt>").append(ReportText.esc(e.words())).append("</dt><dd>").append(ReportText.esc(e.explanation())).append("</dd>\n");
    }
    b.append("</dl>\n<p><b>Outlying points clipped</b>: before fitting, a point far from the median of its "
        + "neighbours (a spike or a dip, such as a restart or a bad reading) is pulled back to the edge of their "
        + "usual range, so one odd reading does not bend the forecast. The history drawn is the data as observed; "
        + "only the fitting saw the clipped values. <b>Gaps imputed</b>: missing steps were filled in from their "
        + "neighbours for fitting.</p>\n</section>\n");
  }

  /** The report's style sheet, inlined into the page ({@code capacity-report/report.css}). */
  private static final String CSS = Resources.text("capacity-report/report.css");

  /**
   * Sorts the table on a header click ({@code capacity-report/report.js}; no '<' or '&' in it, so the page
   * stays well-formed XML when the file report inlines it).
   */
  private static final String SCRIPT = Resources.text("capacity-report/report.js");
}
