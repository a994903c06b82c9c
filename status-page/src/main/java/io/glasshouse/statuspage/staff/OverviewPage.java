package io.glasshouse.statuspage.staff;

import io.glasshouse.alerts.engine.AlertEngine;
import io.glasshouse.alerts.state.Alert;
import io.glasshouse.alerts.state.AlertState;
import io.glasshouse.rollup.series.ServiceSummary;
import io.glasshouse.rollup.slo.SloReport;
import io.glasshouse.rollup.slo.SloReports;
import io.glasshouse.rollup.status.ComponentState;
import io.glasshouse.rollup.status.StatusSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code /staff} shows, as rows the template writes out: every component (public and private) with its
 * status and the rule that set it, every service with its instances, every SLO by budget remaining, and the alert
 * engine's active and recent alerts. Built from published snapshots only.
 *
 * @param components null when component status is not configured
 * @param slos null when SLOs are not configured
 * @param alerts null when alerting is not configured
 * @param ruleErrors rules that cannot be evaluated, and why
 */
public record OverviewPage(List<ComponentRow> components, List<ServiceRow> services, List<SloRow> slos,
    Instant slosComputedAt, List<AlertRow> alerts, Map<String, String> ruleErrors, boolean capacity) {

  /** The burn-rate windows shown in the SLO table, in order. */
  public static final List<Duration> BURN_WINDOWS = List.of(Duration.ofMinutes(5), Duration.ofHours(1),
      Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3));

  /** One component. */
  public record ComponentRow(String id, String name, String group, boolean isPublic, String status,
      String statusWords, String reason, Instant since) {
  }

  /** One service. */
  public record ServiceRow(String service, String href, int live, int stale, int series) {
  }

  /** One SLO, with its burn rates over {@link #BURN_WINDOWS}. */
  public record SloRow(String name, String href, String service, String objective, String sli, String budget,
      boolean budgetSpent, List<String> burns, String runsOut) {
  }

  /** One alert. */
  public record AlertRow(String name, String state, String severity, String summary, String labels, Instant since,
      String muted) {
  }

  static OverviewPage of(StaffSources src, List<ServiceSummary> services) {
    StatusSnapshot status = src.status() == null ? null : src.status().get();
    List<ComponentRow> components = status == null ? null : status.components().stream().map(OverviewPage::row)
        .toList();
    List<ServiceRow> serviceRows = services.stream()
        .sorted(Comparator.comparing(ServiceSummary::service))
        .map(s -> new ServiceRow(s.service(), StaffRoutes.instancesHref(s.service()), s.liveInstances(),
            s.staleInstances(), s.seriesCount()))
        .toList();
    List<SloRow> slos = null;
    Instant computedAt = null;
    if (src.slos() != null) {
      SloReports.Snapshot snap = src.slos().latest();
      computedAt = snap.computedAt();
      List<SloReport> sorted = new ArrayList<>(snap.reports());
      sorted.sort(SloReports.BY_BUDGET);
      slos = sorted.stream().map(OverviewPage::row).toList();
    }
    List<AlertRow> alerts = null;
    Map<String, String> ruleErrors = Map.of();
    if (src.alerts() != null) {
      alerts = alertRows(src.alerts());
      ruleErrors = new java.util.TreeMap<>(src.alerts().ruleErrors());
    }
    return new OverviewPage(components, serviceRows, slos, computedAt, alerts, ruleErrors, src.capacity() != null);
  }

  private static ComponentRow row(ComponentState c) {
    return new ComponentRow(c.id(), c.component().name(), c.component().group(), c.component().isPublic(),
        c.status().apiName(), Figures.status(c.status()), c.reason().summary(), c.since());
  }

  static SloRow row(SloReport r) {
    List<String> burns = BURN_WINDOWS.stream().map(w -> Figures.burn(r.burnRate(w).orElse(null))).toList();
    return new SloRow(r.name(), StaffRoutes.sloHref(r.name()), r.definition().service(),
        Figures.objective(r.definition().target()), Figures.percent(r.sli(), 3), Figures.percent(r.budgetRemaining(), 1),
        r.budgetRemaining() != null && r.budgetRemaining() <= 0, burns, runsOut(r));
  }

  /** When the budget runs out at the current burn, or why that is not shown. */
  static String runsOut(SloReport r) {
    SloReport.Exhaustion e = r.exhaustion();
    if (e.atCurrentBurn() != null) {
      return e.atCurrentBurn().equals(r.asOf()) ? "spent" : Figures.time(e.atCurrentBurn());
    }
    return e.currentNote() == null || e.currentNote().isBlank() ? "lasts the window" : e.currentNote();
  }

  private static List<AlertRow> alertRows(AlertEngine engine) {
    Comparator<Alert> order = Comparator.comparingInt((Alert a) -> switch (a.state()) {
      case FIRING -> 0;
      case PENDING -> 1;
      case RESOLVED -> 2;
    }).thenComparing(OverviewPage::since, Comparator.reverseOrder()).thenComparing(Alert::fingerprint);
    return engine.alerts().stream().sorted(order).map(a -> new AlertRow(a.name(), a.state().key(),
        a.labels().getOrDefault("severity", ""), a.annotations().getOrDefault("summary", ""),
        a.labels().entrySet().stream().filter(e -> !e.getKey().equals("alertname"))
            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")),
        since(a), a.state() == AlertState.RESOLVED ? null : engine.mutedBy(a).orElse(null))).toList();
  }

  private static Instant since(Alert a) {
    return switch (a.state()) {
      case FIRING -> a.startsAt() == null ? a.activeAt() : a.startsAt();
      case PENDING -> a.activeAt();
      case RESOLVED -> a.endsAt() == null ? a.activeAt() : a.endsAt();
    };
  }
}
