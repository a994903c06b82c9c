package io.glasshouse.alerts.config;

import io.glasshouse.alerts.receiver.Receiver;
import io.glasshouse.alerts.receiver.RetryPolicy;
import io.glasshouse.alerts.route.InhibitRule;
import io.glasshouse.alerts.route.Route;
import io.glasshouse.alerts.rule.AbsenceRule;
import io.glasshouse.alerts.rule.BudgetForecastRule;
import io.glasshouse.alerts.rule.BurnRateRule;
import io.glasshouse.alerts.rule.OutlierRule;
import io.glasshouse.alerts.rule.SliNoDataRule;
import io.glasshouse.alerts.rule.CapacityRule;
import io.glasshouse.alerts.rule.Rule;
import io.glasshouse.alerts.rule.RuleSpec;
import io.glasshouse.alerts.rule.ThresholdRule;
import io.glasshouse.rollup.query.Aggregation;
import io.glasshouse.rollup.query.QueryException;
import io.glasshouse.rollup.query.SelectorParser;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code alerts:} section of the Glasshouse configuration file into an {@link AlertsConfig}:
 * <pre>
 * alerts:
 *   external-url: https://glasshouse.example.com   # links in alerts
 *   evaluation-interval: 10s
 *   alertmanagers: [http://127.0.0.1:9093]         # forwarded with POST /api/v2/alerts
 *   resend-delay: 1m
 *   retry: {attempts: 4, initial-backoff: 1s, max-backoff: 30s, timeout: 10s}
 *   alertmanager-config: /etc/alertmanager/alertmanager.yml   # or route:/inhibit_rules:/receivers: inline
 *   rules:
 *     - {name: CheckoutLatency, kind: threshold, service: checkout, metric: http_server_duration, fn: p99,
 *        op: '>', value: 0.5, window: 1m, for: 5m, keep_firing_for: 2m, labels: {severity: page}}
 *     - {name: NoInstances, kind: absence, services: [checkout], for: 2m}
 *     - {name: SloBurn, kind: burn-rate, slo: checkout-availability, slo-window: 30d,
 *        page: {severity: page}, ticket: {enabled: false}}
 *     - {name: CapacityExhaustion, kind: capacity, page-within: 4h, ticket-within: 7d}
 *     - {name: OutlierInstance, kind: outlier, services: [checkout], deviating-for: 10m}
 *     - {name: SliNoData, kind: sli-no-data, slo: checkout-availability, window: 5m, for: 10m}
 *     - {name: BudgetAtForecast, kind: budget-forecast, slo: checkout-availability, within: 7d}
 * </pre>
 * Errors name the key ({@code alerts.rules[1].fn: …}). Burn-rate and capacity rules add their tier inhibitions.
 */
public final class AlertsSection {
  private static final Set<String> KEYS = Set.of("external-url", "evaluation-interval", "alertmanagers",
      "resend-delay", "retry", "alertmanager-config", "route", "inhibit_rules", "receivers", "global", "rules");

  private AlertsSection() {
  }

  /** Parses the section; {@code json} may be empty (alerts evaluated and shown, sent nowhere). */
  public static AlertsConfig fromJson(JsonObject json, RuleSources sources) {
    for (String k : json.fieldNames()) {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException("alerts." + k + ": unknown key; expected one of " + new java.util.TreeSet<>(KEYS));
      }
    }
    String external = json.getString("external-url", "");
    Duration eval = Durations.parse("alerts.evaluation-interval", json.getValue("evaluation-interval", "10s"));
    if (eval.isZero()) {
      throw new IllegalArgumentException("alerts.evaluation-interval: must be positive");
    }
    Duration resend = Durations.parse("alerts.resend-delay", json.getValue("resend-delay", "1m"));
    JsonObject r = json.getJsonObject("retry", new JsonObject());
    RetryPolicy retry;
    try {
      retry = new RetryPolicy(r.getInteger("attempts", 4),
          Durations.parse("alerts.retry.initial-backoff", r.getValue("initial-backoff", "1s")),
          Durations.parse("alerts.retry.max-backoff", r.getValue("max-backoff", "30s")),
          Durations.parse("alerts.retry.timeout", r.getValue("timeout", "10s")));
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new IllegalArgumentException("alerts.retry: " + e.getMessage());
    }
    AlertmanagerConfig am;
    if (json.containsKey("alertmanager-config")) {
      if (json.containsKey("route") || json.containsKey("receivers")) {
        throw new IllegalArgumentException("alerts.alertmanager-config: give either a file or inline route/receivers, "
            + "not both");
      }
      am = AlertmanagerConfig.read(Path.of(json.getString("alertmanager-config")));
    } else if (json.containsKey("route")) {
      Map<String, Object> doc = new LinkedHashMap<>();
      for (String k : List.of("global", "route", "inhibit_rules", "receivers")) {
        if (json.containsKey(k)) {
          doc.put(k, json.getValue(k));
        }
      }
      am = AlertmanagerConfig.parse(doc, "alerts");
    } else {
      AlertsConfig empty = AlertsConfig.empty();
      am = new AlertmanagerConfig(empty.route(), List.of(), empty.receivers());
    }
    List<Rule> rules = new ArrayList<>();
    List<InhibitRule> inhibit = new ArrayList<>(am.inhibitRules());
    List<Object> rs = AlertmanagerConfig.list(json.getValue("rules"), "alerts.rules");
    for (int i = 0; i < rs.size(); i++) {
      String key = "alerts.rules[" + i + "]";
      Rule rule = rule(new JsonObject(AlertmanagerConfig.map(rs.get(i), key)), key, sources);
      rules.add(rule);
      inhibit.addAll(rule.inhibitions());
    }
    List<String> ams = AlertmanagerConfig.strings(json.getValue("alertmanagers"), "alerts.alertmanagers");
    Route route = am.route();
    Map<String, Receiver> receivers = am.receivers();
    return new AlertsConfig(external, eval, resend, retry, rules, route, inhibit, receivers, ams);
  }

  /**
   * Reads one rule (an entry of {@code alerts.rules}, or an {@code alert-rule} config object).
   *
   * @param key prefix of the field names in errors ({@code alerts.rules[2]}; empty for none)
   * @throws IllegalArgumentException {@code "<key>.<field>: what to fix"}
   */
  public static Rule rule(JsonObject j, String key, RuleSources sources) {
    String name = j.getString("name");
    if (name == null || !name.matches("[a-zA-Z_][a-zA-Z0-9_:-]*")) {
      throw new IllegalArgumentException(key + ".name: required, letters, digits, _ : - (it becomes the alertname)");
    }
    Map<String, String> labels = strings(j.getValue("labels"), key + ".labels");
    Map<String, String> annotations = strings(j.getValue("annotations"), key + ".annotations");
    Object forV = j.getValue("for");
    Object keep = j.getValue("keep_firing_for", j.getValue("keep-firing-for"));
    RuleSpec spec = new RuleSpec(name, forV == null ? Duration.ZERO : Durations.parse(key + ".for", forV),
        keep == null ? Duration.ZERO : Durations.parse(key + ".keep_firing_for", keep), labels, annotations);
    String kind = j.getString("kind", "");
    Set<String> common = Set.of("name", "kind", "labels", "annotations", "for", "keep_firing_for", "keep-firing-for");
    switch (kind) {
      case "threshold" -> {
        only(j, key, common, "service", "metric", "fn", "q", "threshold-seconds", "match", "by", "op", "value",
            "window");
        Aggregation agg;
        List<io.glasshouse.rollup.query.LabelMatcher> matchers;
        try {
          agg = Aggregation.parse(j.getString("fn"), str(j.getValue("q")), str(j.getValue("threshold-seconds")));
          matchers = j.getString("match") == null ? List.of() : SelectorParser.parse(j.getString("match"));
        } catch (QueryException e) {
          throw new IllegalArgumentException(key + ": " + e.detail());
        }
        Object value = j.getValue("value");
        if (!(value instanceof Number)) {
          throw new IllegalArgumentException(key + ".value: the threshold, a number (seconds for latency)");
        }
        return new ThresholdRule(spec, sources.queries(), req(j, "service", key), req(j, "metric", key), agg,
            matchers, AlertmanagerConfig.strings(j.getValue("by"), key + ".by"),
            ThresholdRule.Op.parse(j.getString("op", ">")), ((Number) value).doubleValue(),
            Durations.parse(key + ".window", j.getValue("window", "1m")));
      }
      case "absence" -> {
        only(j, key, common, "services");
        return new AbsenceRule(spec, sources.queries(), AlertmanagerConfig.strings(j.getValue("services"),
            key + ".services"));
      }
      case "burn-rate" -> {
        only(j, key, common, "slo", "slo-window", "page", "ticket");
        List<BurnRateRule.Tier> tiers = new ArrayList<>();
        tiers.add(tier(BurnRateRule.page(), j.getValue("page"), key + ".page"));
        tiers.add(tier(BurnRateRule.ticket(), j.getValue("ticket"), key + ".ticket"));
        return new BurnRateRule(spec, req(j, "slo", key), Durations.parse(key + ".slo-window",
            j.getValue("slo-window", "30d")), tiers, sources.burnRates(), sources.instances());
      }
      case "outlier" -> {
        only(j, key, common, "services", "deviating-for");
        return new OutlierRule(spec, sources.queries(), sources.instances(), AlertmanagerConfig.strings(
            j.getValue("services"), key + ".services"), Durations.parse(key + ".deviating-for",
            j.getValue("deviating-for", "10m")));
      }
      case "sli-no-data" -> {
        only(j, key, common, "slo", "window");
        Duration window = Durations.parse(key + ".window", j.getValue("window", "5m"));
        if (!BURN_WINDOWS.contains(window)) {
          throw new IllegalArgumentException(key + ".window: one of 5m, 30m, 1h, 2h, 6h, 1d, 3d (the windows the "
              + "SLO evaluation counts); use for to wait longer");
        }
        return new SliNoDataRule(forDefault(j, spec, "10m"), req(j, "slo", key), window, sources.burnRates());
      }
      case "budget-forecast" -> {
        only(j, key, common, "slo", "within", "severity");
        return new BudgetForecastRule(spec, req(j, "slo", key), Durations.parse(key + ".within",
            j.getValue("within", "7d")), j.getString("severity", "ticket"), sources.burnRates());
      }
      case "capacity" -> {
        only(j, key, common, "indicators", "page-within", "ticket-within", "page-severity", "ticket-severity");
        return new CapacityRule(spec, sources.capacity(), new HashSet<>(AlertmanagerConfig.strings(
            j.getValue("indicators"), key + ".indicators")),
            Durations.parse(key + ".page-within", j.getValue("page-within", "4h")),
            Durations.parse(key + ".ticket-within", j.getValue("ticket-within", "7d")),
            j.getString("page-severity", "page"), j.getString("ticket-severity", "ticket"));
      }
      default -> throw new IllegalArgumentException(key + ".kind: '" + kind + "' is not a rule kind; use one of "
          + KINDS);
    }
  }

  /** The rule kinds. */
  public static final List<String> KINDS = List.of("threshold", "absence", "burn-rate", "capacity", "outlier",
      "sli-no-data", "budget-forecast");
  private static final List<Duration> BURN_WINDOWS = List.of(Duration.ofMinutes(5), Duration.ofMinutes(30),
      Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3));

  private static RuleSpec forDefault(JsonObject j, RuleSpec spec, String dflt) {
    return j.containsKey("for") ? spec : spec.withFor(Durations.parse("for", dflt));
  }

  private static BurnRateRule.Tier tier(BurnRateRule.Tier dflt, Object cfg, String key) {
    Map<String, Object> m = AlertmanagerConfig.map(cfg, key);
    for (String k : m.keySet()) {
      if (!Set.of("severity", "enabled").contains(k)) {
        throw new IllegalArgumentException(key + "." + k + ": unknown; a tier takes severity and enabled");
      }
    }
    BurnRateRule.Tier t = dflt;
    if (m.get("severity") != null) {
      t = t.withSeverity(m.get("severity").toString());
    }
    if (m.get("enabled") != null) {
      t = t.enabled(Boolean.parseBoolean(m.get("enabled").toString()));
    }
    return t;
  }

  private static void only(JsonObject j, String key, Set<String> common, String... extra) {
    Set<String> allowed = new HashSet<>(common);
    allowed.addAll(List.of(extra));
    for (String k : j.fieldNames()) {
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException(key + "." + k + ": unknown for kind " + j.getString("kind")
            + "; expected one of " + new java.util.TreeSet<>(allowed));
      }
    }
  }

  private static String req(JsonObject j, String k, String key) {
    String v = j.getString(k);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(key + "." + k + ": required");
    }
    return v;
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  private static Map<String, String> strings(Object o, String key) {
    Map<String, String> out = new LinkedHashMap<>();
    AlertmanagerConfig.map(o, key).forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }
}
