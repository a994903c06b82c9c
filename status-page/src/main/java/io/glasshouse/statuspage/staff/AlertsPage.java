package io.glasshouse.statuspage.staff;

import io.glasshouse.alerts.engine.AlertEngine;
import io.glasshouse.alerts.nflog.Delivery;
import io.glasshouse.alerts.nflog.NflogEntry;
import io.glasshouse.alerts.receiver.Figures;
import io.glasshouse.alerts.route.Matcher;
import io.glasshouse.alerts.silence.Silence;
import io.glasshouse.alerts.state.Alert;
import io.glasshouse.alerts.state.AlertState;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What {@code /staff/alerts} shows, as rows the template writes out: the pending and firing alerts with every
 * figure their annotations carry (window pair, burn rates, budget gone, run-out, instances and versions, forecast
 * with its interval and model), the recently resolved alerts, the silences, and the notification log with each
 * delivery's outcome. Built from the alert engine's state only; it computes nothing.
 *
 * @param active pending and firing alerts, firing first, newest first
 * @param resolved recently resolved alerts, most recently resolved first
 * @param silences every silence the engine keeps (active, pending, recently expired), as the engine lists them
 * @param deliveries recent delivery attempts, newest first
 * @param log what was last delivered per group and receiver, newest first
 * @param failures how many of {@code deliveries} failed
 * @param ruleErrors rules that cannot be evaluated, and why
 * @param canWrite whether the viewer's token carries the admin scope (silence forms are shown only then)
 * @param csrf the form token tied to the session (empty for header-authenticated requests)
 */
public record AlertsPage(List<AlertRow> active, List<AlertRow> resolved, List<SilenceRow> silences,
    List<Delivery> deliveries, List<LogRow> log, long failures, Map<String, String> ruleErrors, boolean canWrite,
    String csrf) {

  /**
   * One alert.
   *
   * @param figures the figures by the names people read, in the same order as a page's text
   * @param muted {@code silenced by <id>} or {@code inhibited}, or null
   */
  public record AlertRow(String name, String fingerprint, String state, String severity, String summary,
      String description, String runbookUrl, String staffUrl, String labels, Instant activeAt, Instant since,
      Instant endsAt, Map<String, String> figures, String muted) {
  }

  /** One silence. */
  public record SilenceRow(String id, String state, String matchers, Instant startsAt, Instant endsAt,
      String createdBy, String comment) {
    public boolean expirable() {
      return !"expired".equals(state);
    }
  }

  /** One notification log entry. */
  public record LogRow(String receiver, String groupKey, Instant at, int firing, int resolved, boolean acknowledged) {
  }

  static AlertsPage of(AlertEngine engine, boolean canWrite, String csrf) {
    Instant now = engine.clock().instant();
    List<Alert> all = engine.alerts();
    Comparator<Alert> active = Comparator.comparingInt((Alert a) -> a.state() == AlertState.FIRING ? 0 : 1)
        .thenComparing(AlertsPage::since, Comparator.reverseOrder()).thenComparing(Alert::fingerprint);
    List<AlertRow> activeRows = all.stream().filter(a -> !a.resolved()).sorted(active)
        .map(a -> row(a, engine.mutedBy(a).orElse(null))).toList();
    List<AlertRow> resolvedRows = all.stream().filter(Alert::resolved)
        .sorted(Comparator.comparing(AlertsPage::since, Comparator.reverseOrder()).thenComparing(Alert::fingerprint))
        .map(a -> row(a, null)).toList();
    List<SilenceRow> silences = engine.silences().stream()
        .sorted(Comparator.comparing((Silence s) -> order(s.state(now))).thenComparing(Silence::endsAt,
            Comparator.reverseOrder()))
        .map(s -> new SilenceRow(s.id(), s.state(now), s.matchers().stream().map(Matcher::toString)
            .collect(Collectors.joining(", ")), s.startsAt(), s.endsAt(), s.createdBy(), s.comment()))
        .toList();
    List<Delivery> deliveries = engine.notificationLog().deliveries().stream()
        .sorted(Comparator.comparing(Delivery::at, Comparator.reverseOrder())).toList();
    List<LogRow> log = engine.notificationLog().entries().stream()
        .sorted(Comparator.comparing(NflogEntry::at, Comparator.reverseOrder()))
        .map(e -> new LogRow(e.receiver(), e.groupKey(), e.at(), e.firing().size(), e.resolved().size(),
            e.acknowledged()))
        .toList();
    long failures = deliveries.stream().filter(d -> !d.delivered()).count();
    return new AlertsPage(activeRows, resolvedRows, silences, deliveries, log, failures,
        new TreeMap<>(engine.ruleErrors()), canWrite, csrf == null ? "" : csrf);
  }

  private static int order(String state) {
    return switch (state) {
      case "active" -> 0;
      case "pending" -> 1;
      default -> 2;
    };
  }

  private static AlertRow row(Alert a, String muted) {
    Map<String, String> ann = a.annotations();
    String labels = a.labels().entrySet().stream().filter(e -> !e.getKey().equals("alertname"))
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    return new AlertRow(a.name(), a.fingerprint(), a.state().key(), a.labels().getOrDefault("severity", ""),
        ann.getOrDefault("summary", ""), ann.get("description"), link(ann.get("runbook_url")),
        link(ann.get("staff_url")), labels, a.activeAt(), since(a), a.endsAt(), Figures.labelled(a), muted);
  }

  /** The matchers that select exactly {@code a}'s labels, as the new-silence form reads them. */
  static String matchers(Alert a) {
    return a.labels().entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\")
        .replace("\"", "\\\"") + "\"").collect(Collectors.joining(", "));
  }

  /** Only site-relative and http(s) links become anchors; anything else is shown as text elsewhere or dropped. */
  private static String link(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    if (url.startsWith("https://") || url.startsWith("http://") || (url.startsWith("/") && !url.startsWith("//"))) {
      return url;
    }
    return null;
  }

  private static Instant since(Alert a) {
    return switch (a.state()) {
      case FIRING -> a.startsAt() == null ? a.activeAt() : a.startsAt();
      case PENDING -> a.activeAt();
      case RESOLVED -> a.endsAt() == null ? a.activeAt() : a.endsAt();
    };
  }
}
