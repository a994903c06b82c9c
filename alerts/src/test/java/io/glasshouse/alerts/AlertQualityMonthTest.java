package io.glasshouse.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glasshouse.alerts.SimulatedMonth.Incident;
import io.glasshouse.alerts.rule.BurnRateRule;
import io.glasshouse.alerts.rule.Candidate;
import io.glasshouse.alerts.rule.CapacityRule;
import io.glasshouse.alerts.rule.RuleSpec;
import io.glasshouse.rollup.capacity.CapacityIndicator;
import io.glasshouse.rollup.capacity.CapacityResult;
import io.glasshouse.rollup.capacity.CapacitySnapshot;
import io.glasshouse.rollup.forecast.Forecast;
import io.glasshouse.rollup.forecast.Forecaster;
import io.glasshouse.rollup.forecast.Series;
import io.glasshouse.rollup.query.Aggregation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #11, "Quality and cost": alert quality on a simulated month with scripted incidents ({@link SimulatedMonth}),
 * Glasshouse's burn-rate and capacity rules side by side with the workbook's rules as Sloth generates them and
 * node-mixin's disk rule, evaluated by Prometheus itself ({@code promtool test rules}) over the same series in the
 * same run. Pages are evaluated every minute on both sides; promtool evaluates the ticket tier every 10 minutes.
 * Asserts that Glasshouse pages every incident that spends budget fast, no later than Prometheus's rules; opens a
 * ticket for each slow burn and never pages for it; raises nothing for a blip; and pages for the disk about 4 h
 * before it is full, not later than node-mixin's rule. The table of detection and reset times goes to
 * {@code alerts/target/alert-quality.md} (copied into BENCHMARKS.md).
 *
 * <p>Needs {@code promtool} (Debian {@code prometheus}, installed by {@code .ci/run}); skipped without it only
 * outside CI.
 */
class AlertQualityMonthTest {
  static final String PAGE = "CheckoutAvailabilityPage";
  static final String TICKET = "CheckoutAvailabilityTicket";
  static final String DISK = "NodeFilesystemSpaceFillingUp";
  static final int CAPACITY_FROM = SimulatedMonth.FILL_START - 12 * 60;

  @TempDir
  Path dir;

  /** What one side saw of one incident; null figures mean "never". */
  record Seen(Integer pageAfter, Integer pageResetAfterEnd, int pages, Integer ticketAfter) {
  }

  @Test
  void glasshousePagesEveryRealIncidentNoLaterThanPrometheusAndNeverForABlip() throws Exception {
    assumeTrue(Files.isExecutable(Promtool.BINARY) || System.getenv("CI") != null,
        "promtool is not installed (apt-get install prometheus; .ci/run does)");
    SimulatedMonth month = new SimulatedMonth();

    boolean[][] gh = glasshouseBurnRates(month);
    Map<String, Double> prom = prometheus(month);

    StringBuilder table = new StringBuilder("| incident | expected | page after (GH / Prom) | page reset after end "
        + "(GH / Prom) | pages (GH / Prom) | ticket after (GH / Prom) |\n|---|---|---|---|---|---|\n");
    List<String> failures = new ArrayList<>();
    int ghPagesInIncidents = 0;
    int promPagesInIncidents = 0;
    int ghFalse = 0;
    int promFalse = 0;
    for (Incident i : SimulatedMonth.INCIDENTS) {
      Seen g = seen(gh, i);
      Seen p = promSeen(prom, i);
      ghPagesInIncidents += g.pages();
      promPagesInIncidents += p.pages();
      if (!i.expected().equals("page")) {
        ghFalse += g.pages();
        promFalse += p.pages();
      }
      table.append("| ").append(i.id()).append(' ').append(i.what()).append(" | ").append(i.expected())
          .append(" | ").append(min(g.pageAfter())).append(" / ").append(min(p.pageAfter()))
          .append(" | ").append(min(g.pageResetAfterEnd())).append(" / ").append(min(p.pageResetAfterEnd()))
          .append(" | ").append(g.pages()).append(" / ").append(p.pages())
          .append(" | ").append(min(g.ticketAfter())).append(" / ").append(min(p.ticketAfter())).append(" |\n");
      switch (i.expected()) {
        case "page" -> {
          if (g.pageAfter() == null) {
            failures.add(i.id() + ": Glasshouse did not page");
          } else if (p.pageAfter() != null && g.pageAfter() > p.pageAfter()) {
            failures.add(i.id() + ": Glasshouse paged after " + g.pageAfter() + " min, Prometheus after "
                + p.pageAfter());
          }
          if (g.pageResetAfterEnd() == null || g.pageResetAfterEnd() > 60) {
            failures.add(i.id() + ": Glasshouse's page did not resolve within an hour of the end");
          }
        }
        case "ticket" -> {
          if (g.ticketAfter() == null) {
            failures.add(i.id() + ": Glasshouse opened no ticket");
          }
          if (g.pages() > 0) {
            failures.add(i.id() + ": Glasshouse paged for a slow burn");
          }
        }
        default -> {
          if (g.pages() > 0 || g.ticketAfter() != null) {
            failures.add(i.id() + ": Glasshouse alerted for a blip");
          }
        }
      }
    }
    int ghAll = onsets(gh[0], 0, SimulatedMonth.MINUTES);
    int promAll = prom.get("all_pages").intValue();
    ghFalse += ghAll - ghPagesInIncidents;
    promFalse += promAll - promPagesInIncidents;
    if (ghAll != ghPagesInIncidents) {
      failures.add("Glasshouse paged " + (ghAll - ghPagesInIncidents) + " times outside any incident");
    }

    Integer ghDisk = glasshouseDiskPage(month);
    double promDisk = prom.get("disk_page");
    Integer promDiskBefore = promDisk == Promtool.NONE ? null : (int) -promDisk;
    table.append("| C1 disk filling 1 GB/h, full after 80 h | page | ").append(before(ghDisk)).append(" / ")
        .append(before(promDiskBefore)).append(" | | | |\n");
    if (ghDisk == null || ghDisk < 210 || ghDisk > 300) {
      failures.add("disk: Glasshouse paged " + before(ghDisk) + ", not about 4 h before full");
    } else if (promDiskBefore != null && ghDisk < promDiskBefore) {
      failures.add("disk: Glasshouse paged later than node-mixin's rule");
    }
    double weeks = (SimulatedMonth.MINUTES - 3 * SimulatedMonth.DAY) / (7.0 * SimulatedMonth.DAY);
    table.append("\nBurn-rate pages over the month: Glasshouse ").append(ghAll).append(" (")
        .append(String.format("%.1f", ghAll / weeks)).append(" a week), ").append(ghFalse)
        .append(" without customer impact; Prometheus ").append(promAll).append(" (")
        .append(String.format("%.1f", promAll / weeks)).append(" a week), ").append(promFalse)
        .append(" without customer impact. Missed page incidents: Glasshouse ")
        .append(missed(gh, null)).append(", Prometheus ").append(missed(null, prom)).append(".\n");

    Path out = Path.of("target", "alert-quality.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table.toString());
    System.out.println(table);
    assertThat(failures).as(table.toString()).isEmpty();
  }

  private static long missed(boolean[][] gh, Map<String, Double> prom) {
    return SimulatedMonth.INCIDENTS.stream().filter(i -> i.expected().equals("page"))
        .filter(i -> (gh != null ? seen(gh, i) : promSeen(prom, i)).pageAfter() == null).count();
  }

  /** Glasshouse's burn-rate rule every minute of the month: [0] page tier firing, [1] ticket tier firing. */
  static boolean[][] glasshouseBurnRates(SimulatedMonth month) {
    BurnRateRule rule = new BurnRateRule(RuleSpec.named("SloErrorBudgetBurn"), "checkout-availability",
        SimulatedMonth.SLO_WINDOW, List.of(BurnRateRule.page(), BurnRateRule.ticket()), month.rates);
    boolean[][] firing = new boolean[2][SimulatedMonth.MINUTES + 1];
    for (int m = 1; m <= SimulatedMonth.MINUTES; m++) {
      for (Candidate c : rule.evaluate(SimulatedMonth.minute(m)).result()) {
        firing[c.labels().get("tier").equals("page") ? 0 : 1][m] = true;
      }
    }
    return firing;
  }

  static Seen seen(boolean[][] firing, Incident i) {
    Integer page = first(firing[0], i.start(), i.until());
    Integer lastPage = null;
    for (int m = i.until() - 1; m >= i.start() && lastPage == null; m--) {
      lastPage = firing[0][m] ? m : null;
    }
    Integer ticket = first(firing[1], i.start(), i.until());
    return new Seen(page == null ? null : page - i.start(), lastPage == null ? null : lastPage + 1 - i.end(),
        onsets(firing[0], i.start(), i.until()), ticket == null ? null : ticket - i.start());
  }

  private static Integer first(boolean[] firing, int from, int to) {
    for (int m = from; m < to; m++) {
      if (firing[m]) {
        return m;
      }
    }
    return null;
  }

  private static int onsets(boolean[] firing, int from, int to) {
    int n = 0;
    for (int m = Math.max(1, from); m < to; m++) {
      if (firing[m] && !firing[m - 1]) {
        n++;
      }
    }
    return n;
  }

  /**
   * The same series and the Sloth / node-mixin rules through promtool; the answers by query name. The page tier and
   * the disk rule are evaluated every minute; the ticket tier every 10 minutes (its 1d and 3d rates over one-minute
   * samples would otherwise take promtool minutes of CPU), in a second promtool run beside the first.
   */
  Map<String, Double> prometheus(SimulatedMonth month) throws Exception {
    long[] free = new long[month.diskUsed.length];
    long[] size = new long[month.diskUsed.length];
    for (int m = 0; m < free.length; m++) {
      free[m] = (long) (SimulatedMonth.DISK_SIZE - month.diskUsed[m]);
      size[m] = (long) SimulatedMonth.DISK_SIZE;
    }
    Promtool pages = new Promtool()
        .series("http_requests_total{service=\"checkout\"}", month.requestsCounter())
        .series("http_request_errors_total{service=\"checkout\"}", month.errorsCounter())
        .series("disk_free_bytes{mountpoint=\"/data\"}", free)
        .series("disk_size_bytes{mountpoint=\"/data\"}", size);
    Promtool tickets = new Promtool()
        .series("http_requests_total{service=\"checkout\"}", month.requestsCounter())
        .series("http_request_errors_total{service=\"checkout\"}", month.errorsCounter());
    for (Incident i : SimulatedMonth.INCIDENTS) {
      int range = i.until() - i.start();
      pages.query(i.id() + "_page", "(" + firstFiring(PAGE, "min", range) + " - " + i.start() + ") ", i.until());
      pages.query(i.id() + "_reset", "(" + firstFiring(PAGE, "max", range) + " + 1 - " + i.end() + ")", i.until());
      pages.query(i.id() + "_pages", onsetCount(PAGE, range), i.until());
      tickets.query(i.id() + "_ticket", "(" + firstFiring(TICKET, "min", range) + " - " + i.start() + ")",
          i.until());
    }
    pages.query("all_pages", onsetCount(PAGE, SimulatedMonth.MINUTES), SimulatedMonth.MINUTES);
    int diskEnd = SimulatedMonth.FULL + 60;
    pages.query("disk_page", "(" + firstFiring(DISK, "min", diskEnd - CAPACITY_FROM) + " - " + SimulatedMonth.FULL
        + ")", diskEnd);
    String ticketRules = resource("/promtool/slo-ticket-rules.yml");
    CompletableFuture<Map<String, Double>> ticketRun = CompletableFuture.supplyAsync(() -> {
      try {
        return tickets.run(dir.resolve("tickets"), ticketRules, 10);
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Map<String, Double> all = new HashMap<>(pages.run(dir.resolve("pages"), resource("/promtool/slo-page-rules.yml"),
        1));
    all.putAll(ticketRun.get());
    return all;
  }

  /** The minute an alert first ({@code min}) or last ({@code max}) fired within the last {@code range} minutes. */
  private static String firstFiring(String alert, String fn, int range) {
    return fn + "(" + fn + "_over_time(timestamp(ALERTS{alertname=\"" + alert + "\",alertstate=\"firing\"})["
        + range + "m:1m])) / 60";
  }

  /** How many times an alert started firing within the last {@code range} minutes. */
  private static String onsetCount(String alert, int range) {
    String firing = "ALERTS{alertname=\"" + alert + "\",alertstate=\"firing\"}";
    return "sum(count_over_time((" + firing + " unless " + firing + " offset 1m)[" + range + "m:1m])) or vector(0)";
  }

  static Seen promSeen(Map<String, Double> prom, Incident i) {
    return new Seen(minutes(prom.get(i.id() + "_page")), minutes(prom.get(i.id() + "_reset")),
        prom.get(i.id() + "_pages").intValue(), minutes(prom.get(i.id() + "_ticket")));
  }

  private static Integer minutes(double v) {
    return v == Promtool.NONE ? null : (int) Math.round(v);
  }

  /** Minutes before the disk is full that Glasshouse's capacity rule first pages (evaluated every 5 minutes). */
  static Integer glasshouseDiskPage(SimulatedMonth month) {
    CapacityIndicator disk = new CapacityIndicator("data-disk", "db", "disk_used_bytes",
        Aggregation.parse("last", null, null), "", List.of(),
        CapacityIndicator.Capacity.absolute(SimulatedMonth.DISK_SIZE), 1.0, Optional.of("bytes"));
    for (int m = CAPACITY_FROM; m <= SimulatedMonth.FULL; m += 5) {
      CapacityResult result = new CapacityResult(SimulatedMonth.minute(m), Duration.ZERO,
          List.of(snapshot(month, m, disk)));
      CapacityRule rule = new CapacityRule(RuleSpec.named("CapacityExhaustion"), () -> Optional.of(result), Set.of(),
          Duration.ofHours(4), Duration.ofDays(7), "page", "ticket");
      for (Candidate c : rule.evaluate(SimulatedMonth.minute(m)).result()) {
        if (c.labels().get("tier").equals("page")) {
          return SimulatedMonth.FULL - m;
        }
      }
    }
    return null;
  }

  /** The capacity planner's view at minute {@code m}: the real forecaster over the last two days at a 5-minute step. */
  private static CapacitySnapshot snapshot(SimulatedMonth month, int m, CapacityIndicator ind) {
    int step = 5;
    int from = Math.max(0, m - 2 * SimulatedMonth.DAY);
    int n = (m - from) / step;
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = month.diskUsed[m - (n - 1 - k) * step];
    }
    long stepMs = Duration.ofMinutes(step).toMillis();
    Series s = new Series(SimulatedMonth.minute(m - (n - 1) * step).toEpochMilli(), stepMs, v);
    Forecast f = Forecaster.defaults().forecast(s, List.of(Duration.ofHours(1), Duration.ofHours(4),
        Duration.ofDays(1), Duration.ofDays(7)));
    double current = v[n - 1];
    return new CapacitySnapshot(ind, SimulatedMonth.minute(m), Optional.empty(), 3, SimulatedMonth.DISK_SIZE, current,
        Optional.of(SimulatedMonth.minute(m)), current / SimulatedMonth.DISK_SIZE, Optional.of(f),
        Optional.of(f.timeToExhaustion(SimulatedMonth.DISK_SIZE)), Optional.empty(), List.of(), 0, false,
        Optional.of(s));
  }

  private static String min(Integer v) {
    return v == null ? "never" : v + " min";
  }

  private static String before(Integer v) {
    return v == null ? "never" : String.format("%dh%02d before full", v / 60, v % 60);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = AlertQualityMonthTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
