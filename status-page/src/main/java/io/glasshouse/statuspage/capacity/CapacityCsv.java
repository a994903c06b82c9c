package io.glasshouse.statuspage.capacity;

import io.glasshouse.rollup.capacity.CapacityIndicator;
import io.glasshouse.rollup.capacity.CapacityResult;
import io.glasshouse.rollup.capacity.CapacitySnapshot;
import io.glasshouse.rollup.forecast.Exhaustion;
import io.glasshouse.rollup.forecast.HorizonForecast;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Capacity snapshots as CSV. Pure and thread-safe.
 *
 * <p>Columns (one row per indicator, ordered by upper-95 time to exhaustion, soonest first): the fixed
 * {@link #CSV_FIXED_COLUMNS}, then for each forecast horizon {@code h} (e.g. {@code 30m}, {@code 1h}, {@code 7d},
 * {@code 90d}) the columns {@code point_h, lo80_h, hi80_h, lo95_h, hi95_h, instances_h} ({@code instances_h}: the
 * instances needed by the upper 80% bound; empty for absolute capacity). Times are ISO-8601 UTC; an empty cell
 * means "not within the forecast" (exhaustion) or "unknown".
 */
public final class CapacityCsv {
  private CapacityCsv() {
  }

  /** The leading CSV columns, in order. */
  public static final List<String> CSV_FIXED_COLUMNS = List.of("name", "service", "metric", "fn", "match", "unit",
      "capacity_kind", "capacity_per_unit", "live_instances", "capacity", "target_utilisation", "current",
      "current_at", "utilisation", "suggested_severity", "exhaustion_upper95", "exhaustion_point",
      "target_exhaustion_upper95", "target_exhaustion_point", "anomaly_score", "anomaly_flagged", "model", "error",
      "computed_at");

  /** The CSV header for these horizons: {@link #CSV_FIXED_COLUMNS} then six columns per horizon. */
  public static List<String> csvHeader(List<Duration> horizons) {
    List<String> cols = new ArrayList<>(CSV_FIXED_COLUMNS);
    for (Duration h : horizons) {
      String l = ReportText.label(h);
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
}
