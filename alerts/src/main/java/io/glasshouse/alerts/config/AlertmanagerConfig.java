package io.glasshouse.alerts.config;

import io.glasshouse.alerts.receiver.Integration;
import io.glasshouse.alerts.receiver.PagerDutyIntegration;
import io.glasshouse.alerts.receiver.Receiver;
import io.glasshouse.alerts.receiver.SlackIntegration;
import io.glasshouse.alerts.receiver.WebhookIntegration;
import io.glasshouse.alerts.route.InhibitRule;
import io.glasshouse.alerts.route.Matcher;
import io.glasshouse.alerts.route.Route;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Alertmanager's configuration file, its {@code global:}, {@code route:}, {@code inhibit_rules:} and {@code
 * receivers:} sections read as they are. Supported: routes with {@code receiver}, {@code group_by} (with {@code
 * ...}), {@code continue}, {@code matchers} (and the older {@code match}/{@code match_re}), {@code group_wait},
 * {@code group_interval}, {@code repeat_interval}, {@code routes}; inhibition with {@code source_matchers},
 * {@code target_matchers}, {@code equal} (and {@code source_match[_re]}/{@code target_match[_re]}); receivers with
 * {@code webhook_configs} ({@code url}, {@code send_resolved}, {@code max_alerts}), {@code pagerduty_configs}
 * ({@code routing_key}, {@code url}, {@code severity}, {@code send_resolved}) and {@code slack_configs}
 * ({@code api_url}, {@code channel}, {@code send_resolved}). Anything else is refused with the key and the reason,
 * so an import never silently drops behaviour. Immutable result.
 */
public record AlertmanagerConfig(Route route, List<InhibitRule> inhibitRules, Map<String, Receiver> receivers) {
  private static final Set<String> TOP = Set.of("global", "route", "inhibit_rules", "receivers");
  private static final Set<String> GLOBAL = Set.of("resolve_timeout", "pagerduty_url", "slack_api_url");
  private static final Set<String> ROUTE = Set.of("receiver", "group_by", "continue", "matchers", "match", "match_re",
      "group_wait", "group_interval", "repeat_interval", "routes");
  private static final Set<String> INHIBIT = Set.of("source_matchers", "target_matchers", "equal", "source_match",
      "source_match_re", "target_match", "target_match_re");

  /** Reads an Alertmanager configuration file. */
  public static AlertmanagerConfig read(Path file) {
    try (Reader r = Files.newBufferedReader(file)) {
      Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
      if (!(doc instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException(file + ": an Alertmanager configuration must be a YAML mapping");
      }
      return parse(cast(m), file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("alerts.alertmanager-config: cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Parses the sections from a YAML/JSON mapping; {@code where} prefixes error keys. */
  public static AlertmanagerConfig parse(Map<String, Object> doc, String where) {
    for (String k : doc.keySet()) {
      if (!TOP.contains(k)) {
        throw new IllegalArgumentException(where + "." + k + ": not supported (" + reason(k)
            + "); Glasshouse imports " + new java.util.TreeSet<>(TOP));
      }
    }
    Map<String, Object> global = map(doc.get("global"), where + ".global");
    for (String k : global.keySet()) {
      if (!GLOBAL.contains(k)) {
        throw new IllegalArgumentException(where + ".global." + k + ": not supported; supported: " + GLOBAL);
      }
    }
    Map<String, Receiver> receivers = new LinkedHashMap<>();
    List<Object> rs = list(doc.get("receivers"), where + ".receivers");
    for (int i = 0; i < rs.size(); i++) {
      Receiver r = receiver(map(rs.get(i), where + ".receivers[" + i + "]"), where + ".receivers[" + i + "]", global);
      if (receivers.put(r.name(), r) != null) {
        throw new IllegalArgumentException(where + ".receivers: receiver '" + r.name() + "' is defined twice");
      }
    }
    if (doc.get("route") == null) {
      throw new IllegalArgumentException(where + ".route: required (the root route with its receiver)");
    }
    Route route = route(map(doc.get("route"), where + ".route"), where + ".route", null, "{}");
    List<InhibitRule> inhibit = new ArrayList<>();
    List<Object> ir = list(doc.get("inhibit_rules"), where + ".inhibit_rules");
    for (int i = 0; i < ir.size(); i++) {
      inhibit.add(inhibitRule(map(ir.get(i), where + ".inhibit_rules[" + i + "]"), where + ".inhibit_rules[" + i + "]"));
    }
    for (Route r : route.all()) {
      if (!receivers.containsKey(r.receiver())) {
        throw new IllegalArgumentException(where + ".route: receiver '" + r.receiver() + "' is not defined under "
            + "receivers (defined: " + receivers.keySet() + ")");
      }
    }
    return new AlertmanagerConfig(route, inhibit, receivers);
  }

  private static String reason(String key) {
    return switch (key) {
      case "templates" -> "Go templates are not rendered; Glasshouse writes notification text itself";
      case "time_intervals", "mute_time_intervals" -> "time intervals are not supported; use silences";
      default -> "unknown or unsupported section";
    };
  }

  private static Route route(Map<String, Object> m, String key, Route parent, String path) {
    for (String k : m.keySet()) {
      if (!ROUTE.contains(k)) {
        throw new IllegalArgumentException(key + "." + k + ": not supported"
            + (k.endsWith("time_intervals") ? " (time intervals; use silences)" : "") + "; supported: "
            + new java.util.TreeSet<>(ROUTE));
      }
    }
    String receiver = m.get("receiver") != null ? m.get("receiver").toString()
        : parent != null ? parent.receiver() : null;
    if (receiver == null) {
      throw new IllegalArgumentException(key + ".receiver: the root route needs a receiver");
    }
    List<Matcher> matchers = new ArrayList<>();
    if (m.containsKey("matchers")) {
      try {
        matchers.addAll(Matcher.parseAll(strings(m.get("matchers"), key + ".matchers")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(key + ".matchers: " + e.getMessage());
      }
    }
    map(m.get("match"), key + ".match").forEach((k, v) -> matchers.add(Matcher.of(k, Matcher.Op.EQ, v.toString())));
    map(m.get("match_re"), key + ".match_re").forEach((k, v) -> matchers.add(Matcher.of(k, Matcher.Op.RE,
        v.toString())));
    if (parent == null && !matchers.isEmpty()) {
      throw new IllegalArgumentException(key + ": the root route must not have matchers (it matches every alert)");
    }
    List<String> groupBy = parent == null ? List.of() : parent.groupBy();
    boolean all = parent != null && parent.groupByAll();
    if (m.containsKey("group_by")) {
      groupBy = strings(m.get("group_by"), key + ".group_by");
      all = groupBy.contains("...");
      if (all && groupBy.size() > 1) {
        throw new IllegalArgumentException(key + ".group_by: '...' groups by all labels and cannot be combined");
      }
    }
    Duration wait = m.containsKey("group_wait") ? Durations.parse(key + ".group_wait", m.get("group_wait"))
        : parent != null ? parent.groupWait() : Route.GROUP_WAIT;
    Duration interval = m.containsKey("group_interval")
        ? Durations.parse(key + ".group_interval", m.get("group_interval"))
        : parent != null ? parent.groupInterval() : Route.GROUP_INTERVAL;
    Duration repeat = m.containsKey("repeat_interval")
        ? Durations.parse(key + ".repeat_interval", m.get("repeat_interval"))
        : parent != null ? parent.repeatInterval() : Route.REPEAT_INTERVAL;
    if (interval.isZero() || repeat.isZero()) {
      throw new IllegalArgumentException(key + ": group_interval and repeat_interval must be positive");
    }
    boolean cont = Boolean.TRUE.equals(m.get("continue"));
    if (parent == null && cont) {
      throw new IllegalArgumentException(key + ".continue: cannot be set on the root route");
    }
    String nodeKey = parent == null ? "{}" : path + "/" + matchers.stream().map(Matcher::toString)
        .collect(java.util.stream.Collectors.joining(",", "{", "}"));
    Route self = new Route(nodeKey, receiver, matchers, groupBy, all, cont, wait, interval, repeat, List.of());
    List<Route> children = new ArrayList<>();
    List<Object> cs = list(m.get("routes"), key + ".routes");
    for (int i = 0; i < cs.size(); i++) {
      children.add(route(map(cs.get(i), key + ".routes[" + i + "]"), key + ".routes[" + i + "]", self,
          nodeKey + (cs.size() > 1 ? "" : "")));
    }
    List<Route> keyed = new ArrayList<>();
    for (int i = 0; i < children.size(); i++) {
      Route c = children.get(i);
      keyed.add(new Route(c.key() + "/" + i, c.receiver(), c.matchers(), c.groupBy(), c.groupByAll(),
          c.continueMatching(), c.groupWait(), c.groupInterval(), c.repeatInterval(), c.routes()));
    }
    return new Route(nodeKey, receiver, matchers, groupBy, all, cont, wait, interval, repeat, keyed);
  }

  private static InhibitRule inhibitRule(Map<String, Object> m, String key) {
    for (String k : m.keySet()) {
      if (!INHIBIT.contains(k)) {
        throw new IllegalArgumentException(key + "." + k + ": not supported; supported: "
            + new java.util.TreeSet<>(INHIBIT));
      }
    }
    List<Matcher> source = new ArrayList<>(Matcher.parseAll(strings(m.get("source_matchers"), key + ".source_matchers")));
    List<Matcher> target = new ArrayList<>(Matcher.parseAll(strings(m.get("target_matchers"), key + ".target_matchers")));
    map(m.get("source_match"), key).forEach((k, v) -> source.add(Matcher.of(k, Matcher.Op.EQ, v.toString())));
    map(m.get("source_match_re"), key).forEach((k, v) -> source.add(Matcher.of(k, Matcher.Op.RE, v.toString())));
    map(m.get("target_match"), key).forEach((k, v) -> target.add(Matcher.of(k, Matcher.Op.EQ, v.toString())));
    map(m.get("target_match_re"), key).forEach((k, v) -> target.add(Matcher.of(k, Matcher.Op.RE, v.toString())));
    return new InhibitRule(source, target, strings(m.get("equal"), key + ".equal"));
  }

  private static Receiver receiver(Map<String, Object> m, String key, Map<String, Object> global) {
    Object name = m.get("name");
    if (name == null || name.toString().isBlank()) {
      throw new IllegalArgumentException(key + ".name: every receiver needs a name");
    }
    String n = name.toString();
    List<Integration> out = new ArrayList<>();
    for (String k : m.keySet()) {
      switch (k) {
        case "name" -> { }
        case "webhook_configs" -> {
          List<Object> l = list(m.get(k), key + "." + k);
          for (int i = 0; i < l.size(); i++) {
            String at = key + ".webhook_configs[" + i + "]";
            Map<String, Object> c = only(map(l.get(i), at), at, Set.of("url", "send_resolved", "max_alerts"));
            out.add(new WebhookIntegration(n, required(c, "url", at), bool(c, "send_resolved", true),
                c.get("max_alerts") == null ? 0 : Integer.parseInt(c.get("max_alerts").toString())));
          }
        }
        case "pagerduty_configs" -> {
          List<Object> l = list(m.get(k), key + "." + k);
          for (int i = 0; i < l.size(); i++) {
            String at = key + ".pagerduty_configs[" + i + "]";
            Map<String, Object> c = only(map(l.get(i), at), at, Set.of("routing_key", "url", "severity",
                "send_resolved"));
            Object url = c.getOrDefault("url", global.get("pagerduty_url"));
            String sev = c.get("severity") == null ? null : c.get("severity").toString();
            if (sev != null && sev.contains("{{")) {
              sev = null;
            }
            out.add(new PagerDutyIntegration(n, required(c, "routing_key", at), url == null ? null : url.toString(),
                sev, bool(c, "send_resolved", true)));
          }
        }
        case "slack_configs" -> {
          List<Object> l = list(m.get(k), key + "." + k);
          for (int i = 0; i < l.size(); i++) {
            String at = key + ".slack_configs[" + i + "]";
            Map<String, Object> c = only(map(l.get(i), at), at, Set.of("api_url", "channel", "send_resolved"));
            Object url = c.getOrDefault("api_url", global.get("slack_api_url"));
            if (url == null) {
              throw new IllegalArgumentException(at + ".api_url: required (or global.slack_api_url)");
            }
            out.add(new SlackIntegration(n, url.toString(), c.get("channel") == null ? null
                : c.get("channel").toString(), bool(c, "send_resolved", false)));
          }
        }
        default -> throw new IllegalArgumentException(key + "." + k + ": not supported; Glasshouse delivers to "
            + "webhook_configs, pagerduty_configs and slack_configs");
      }
    }
    return new Receiver(n, out);
  }

  private static Map<String, Object> only(Map<String, Object> m, String key, Set<String> allowed) {
    for (String k : m.keySet()) {
      if (!allowed.contains(k)) {
        String why = k.equals("service_key") ? "PagerDuty Events API v1; use routing_key (Events API v2)"
            : k.equals("http_config") ? "HTTP client settings are not supported"
            : k.endsWith("_file") ? "secrets from files are not supported; put the value in the file or environment"
            : "Go templates and other options are not supported; Glasshouse writes the text itself";
        throw new IllegalArgumentException(key + "." + k + ": not supported (" + why + "); supported: "
            + new java.util.TreeSet<>(allowed));
      }
    }
    return m;
  }

  private static String required(Map<String, Object> m, String k, String key) {
    Object v = m.get(k);
    if (v == null || v.toString().isBlank()) {
      throw new IllegalArgumentException(key + "." + k + ": required");
    }
    return v.toString();
  }

  private static boolean bool(Map<String, Object> m, String k, boolean dflt) {
    Object v = m.get(k);
    return v == null ? dflt : Boolean.parseBoolean(v.toString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  static Map<String, Object> map(Object o, String key) {
    if (o == null) {
      return Map.of();
    }
    if (o instanceof io.vertx.core.json.JsonObject j) {
      return j.getMap();
    }
    if (!(o instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(key + ": must be a mapping");
    }
    return cast(m);
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o, String key) {
    if (o == null) {
      return List.of();
    }
    if (o instanceof io.vertx.core.json.JsonArray a) {
      return a.getList();
    }
    if (!(o instanceof List<?> l)) {
      throw new IllegalArgumentException(key + ": must be a list");
    }
    return (List<Object>) l;
  }

  static List<String> strings(Object o, String key) {
    if (o == null) {
      return List.of();
    }
    if (o instanceof String s) {
      return List.of(s);
    }
    return list(o, key).stream().map(String::valueOf).toList();
  }
}
