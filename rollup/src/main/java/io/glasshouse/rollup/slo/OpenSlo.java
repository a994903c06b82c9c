package io.glasshouse.rollup.slo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads OpenSLO v1 documents ({@code apiVersion: openslo/v1}) into {@link SloDefinition}s: kinds {@code SLO},
 * {@code SLI} (referenced by {@code indicatorRef}), {@code Service}, {@code DataSource}, {@code AlertPolicy} and
 * {@code AlertCondition} (burn-rate conditions, kept as {@link OpenSloAlertPolicy}); {@code AlertNotificationTarget}
 * documents are accepted and only their names kept.
 *
 * <p>How it maps: {@code spec.service} is the Glasshouse service; each objective becomes one SLO (named after the
 * SLO, or {@code <slo>-<objective displayName>} when there are several); {@code ratioMetric} good/bad/total becomes
 * a ratio SLI; {@code thresholdMetric} with {@code op: lte} (or {@code lt}, counted as {@code lte}: histogram buckets
 * cannot tell them apart) and {@code value} becomes a latency SLI over that histogram; {@code timeWindow} with
 * {@code isRolling: true} a rolling window ({@code m} minutes, {@code h}, {@code d}, {@code w}), with
 * {@code calendar} a calendar window of {@code 1w}, {@code 1M} or {@code 1Q} in {@code calendar.timeZone} whose
 * periods start at {@code calendar.startTime}; {@code budgetingMethod} Occurrences, or Timeslices with the
 * objective's {@code timeSliceTarget} and {@code timeSliceWindow} (a number is minutes). A metric source's
 * {@code spec.query} must be a plain series selector ({@code http_requests_total{code!~"5.."}}) of type
 * {@code Prometheus} or {@code Glasshouse} (directly or through its DataSource).
 *
 * <p>Anything else is refused, never half-read: {@link SloDefinitionException} with the document's field
 * ({@code documents[0].spec.budgetingMethod}) and a detail naming what is unsupported (RatioTimeslices, raw ratios,
 * composite objectives, non-Prometheus sources, PromQL expressions, calendar windows other than a week, a month or a
 * quarter, …).
 */
public final class OpenSlo {
  private static final Pattern SHORTHAND = Pattern.compile("(\\d+)([mhdwMQY])");
  private static final Pattern NOT_NAME = Pattern.compile("[^a-z0-9-]+");

  /** What a set of documents defines. */
  public record Documents(List<SloDefinition> slos, Map<String, String> services,
      List<OpenSloAlertPolicy> alertPolicies, Map<String, List<String>> sloAlertPolicies) {
    public Documents {
      slos = List.copyOf(slos);
      services = Map.copyOf(services);
      alertPolicies = List.copyOf(alertPolicies);
      sloAlertPolicies = Map.copyOf(sloAlertPolicies);
    }
  }

  private final List<JsonObject> docs;
  private final Map<String, JsonObject> slis = new LinkedHashMap<>();
  private final Map<String, JsonObject> dataSources = new LinkedHashMap<>();
  private final Map<String, JsonObject> conditions = new LinkedHashMap<>();
  private final Map<String, Integer> index = new LinkedHashMap<>();

  private OpenSlo(List<JsonObject> docs) {
    this.docs = docs;
  }

  /** Reads every document of a (multi-document) YAML text. */
  public static Documents parseYaml(String yaml) {
    List<JsonObject> docs = new ArrayList<>();
    try {
      for (Object o : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
        if (o == null) {
          continue;
        }
        Object n = normalise(o);
        if (!(n instanceof JsonObject j)) {
          throw new SloDefinitionException("documents[" + docs.size() + "]", "each document must be a mapping "
              + "with apiVersion, kind, metadata and spec");
        }
        docs.add(j);
      }
    } catch (YAMLException e) {
      throw new SloDefinitionException("", "not valid YAML: " + e.getMessage());
    }
    return parse(docs);
  }

  /** Reads documents already parsed into JSON (the config API's {@code PUT} of an OpenSLO document). */
  public static Documents parse(List<JsonObject> docs) {
    return new OpenSlo(docs).read();
  }

  private Documents read() {
    if (docs.isEmpty()) {
      throw new SloDefinitionException("", "no OpenSLO document found");
    }
    Map<String, String> services = new LinkedHashMap<>();
    for (int i = 0; i < docs.size(); i++) {
      JsonObject d = docs.get(i);
      String at = "documents[" + i + "]";
      Object v = d.getValue("apiVersion");
      if (!"openslo/v1".equals(v)) {
        throw new SloDefinitionException(at + ".apiVersion", "must be openslo/v1 (OpenSLO v1); got " + v
            + (String.valueOf(v).startsWith("openslo/") ? ": only v1 is supported" : ""));
      }
      String kind = str(d, "kind", at + ".kind");
      String name = str(obj(d, "metadata", at + ".metadata"), "name", at + ".metadata.name");
      index.put(kind + "/" + name, i);
      JsonObject spec = d.getJsonObject("spec") == null ? new JsonObject() : d.getJsonObject("spec");
      switch (kind) {
        case "SLI" -> slis.put(name, d);
        case "DataSource" -> dataSources.put(name, d);
        case "AlertCondition" -> conditions.put(name, d);
        case "Service" -> services.put(name, spec.getString("description", ""));
        case "SLO", "AlertPolicy", "AlertNotificationTarget" -> {
        }
        default -> throw new SloDefinitionException(at + ".kind", "kind " + kind + " is not an OpenSLO v1 kind; "
            + "expected SLO, SLI, Service, DataSource, AlertPolicy, AlertCondition or AlertNotificationTarget");
      }
    }
    List<OpenSloAlertPolicy> policies = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      if ("AlertPolicy".equals(docs.get(i).getString("kind"))) {
        policies.add(policy(docs.get(i), "documents[" + i + "]"));
      }
    }
    List<SloDefinition> slos = new ArrayList<>();
    Map<String, List<String>> sloPolicies = new LinkedHashMap<>();
    for (int i = 0; i < docs.size(); i++) {
      if ("SLO".equals(docs.get(i).getString("kind"))) {
        String at = "documents[" + i + "]";
        List<String> names = new ArrayList<>();
        JsonArray aps = docs.get(i).getJsonObject("spec", new JsonObject()).getJsonArray("alertPolicies");
        if (aps != null) {
          for (int k = 0; k < aps.size(); k++) {
            Object ap = aps.getValue(k);
            if (ap instanceof JsonObject apo && apo.containsKey("alertPolicyRef")) {
              names.add(apo.getString("alertPolicyRef"));
            } else if (ap instanceof JsonObject apo && "AlertPolicy".equals(apo.getString("kind"))) {
              OpenSloAlertPolicy p = policy(apo.copy().put("apiVersion", "openslo/v1"),
                  at + ".spec.alertPolicies[" + k + "]");
              policies.add(p);
              names.add(p.name());
            } else {
              throw new SloDefinitionException(at + ".spec.alertPolicies[" + k + "]", "must be an inline "
                  + "AlertPolicy or {alertPolicyRef: name}");
            }
          }
        }
        for (SloDefinition s : slo(docs.get(i), at)) {
          slos.add(s);
          sloPolicies.put(s.name(), List.copyOf(names));
        }
      }
    }
    return new Documents(slos, services, policies, sloPolicies);
  }

  private List<SloDefinition> slo(JsonObject doc, String at) {
    JsonObject meta = doc.getJsonObject("metadata");
    String name = meta.getString("name");
    JsonObject spec = obj(doc, "spec", at + ".spec");
    String service = str(spec, "service", at + ".spec.service");
    JsonObject indicator = indicator(spec, at + ".spec");
    SloWindow window = window(spec, at + ".spec.timeWindow");
    String method = str(spec, "budgetingMethod", at + ".spec.budgetingMethod");
    if (method.equals("RatioTimeslices")) {
      throw new SloDefinitionException(at + ".spec.budgetingMethod", "RatioTimeslices is unsupported: it averages "
          + "the slices' ratios, and Glasshouse computes budgets from summed counts only; use Occurrences or "
          + "Timeslices");
    }
    if (!method.equals("Occurrences") && !method.equals("Timeslices")) {
      throw new SloDefinitionException(at + ".spec.budgetingMethod", "must be Occurrences or Timeslices; got "
          + method);
    }
    JsonArray objectives = spec.getJsonArray("objectives");
    if (objectives == null || objectives.isEmpty()) {
      throw new SloDefinitionException(at + ".spec.objectives", "at least one objective with a target is required");
    }
    Map<String, String> labels = labels(meta);
    List<SloDefinition> out = new ArrayList<>();
    for (int k = 0; k < objectives.size(); k++) {
      String oat = at + ".spec.objectives[" + k + "]";
      if (!(objectives.getValue(k) instanceof JsonObject o)) {
        throw new SloDefinitionException(oat, "must be an objective object");
      }
      if (o.containsKey("indicator") || o.containsKey("indicatorRef") || o.containsKey("compositeWeight")) {
        throw new SloDefinitionException(oat, "composite SLOs (an indicator per objective, compositeWeight) are "
            + "unsupported; define one SLO per indicator");
      }
      double target = target(o, oat);
      Sli sli = sli(indicator, o, at + ".spec.indicator", oat);
      Budgeting budgeting = method.equals("Occurrences") ? new Budgeting.Occurrences() : timeslices(o, oat);
      String objName = objectives.size() == 1 ? name : objectiveName(name, o, k);
      try {
        out.add(new SloDefinition(objName, service, sli, target, window, budgeting, labels,
            spec.getString("description", ""), ""));
      } catch (IllegalArgumentException e) {
        throw new SloDefinitionException(oat, e.getMessage());
      }
    }
    return out;
  }

  private static String objectiveName(String slo, JsonObject o, int k) {
    String dn = o.getString("displayName");
    String suffix = dn == null ? String.valueOf(k + 1)
        : NOT_NAME.matcher(dn.toLowerCase(Locale.ROOT)).replaceAll("-").replaceAll("^-+|-+$", "");
    String n = slo + "-" + (suffix.isEmpty() ? String.valueOf(k + 1) : suffix);
    return n.length() > 63 ? n.substring(0, 63).replaceAll("-+$", "") : n;
  }

  private JsonObject indicator(JsonObject spec, String at) {
    if (spec.containsKey("indicator")) {
      JsonObject ind = obj(spec, "indicator", at + ".indicator");
      return obj(ind, "spec", at + ".indicator.spec");
    }
    if (spec.containsKey("indicatorRef")) {
      String ref = str(spec, "indicatorRef", at + ".indicatorRef");
      JsonObject sli = slis.get(ref);
      if (sli == null) {
        throw new SloDefinitionException(at + ".indicatorRef", "no SLI named " + ref + " among the documents; "
            + "include its kind: SLI document");
      }
      return obj(sli, "spec", "SLI " + ref + ".spec");
    }
    throw new SloDefinitionException(at, "one of indicator or indicatorRef is required");
  }

  private Sli sli(JsonObject ind, JsonObject objective, String at, String oat) {
    if (ind.containsKey("ratioMetric")) {
      JsonObject r = obj(ind, "ratioMetric", at + ".ratioMetric");
      String rat = at + ".ratioMetric";
      if (r.containsKey("raw") || r.containsKey("rawType")) {
        throw new SloDefinitionException(rat + ".raw", "raw (precomputed) ratios are unsupported: Glasshouse "
            + "computes ratios from good and total event counts; give good or bad, and total");
      }
      if (Boolean.FALSE.equals(r.getValue("counter"))) {
        throw new SloDefinitionException(rat + ".counter", "counter: false (gauges as ratio inputs) is "
            + "unsupported; good, bad and total must be counters of events");
      }
      if (r.containsKey("good") == r.containsKey("bad")) {
        throw new SloDefinitionException(rat, "give exactly one of good or bad, with total");
      }
      String part = r.containsKey("good") ? "good" : "bad";
      MetricSelector p = source(obj(r, part, rat + "." + part), rat + "." + part);
      MetricSelector total = source(obj(r, "total", rat + ".total"), rat + ".total");
      return part.equals("good") ? new Sli.Ratio(p, null, total) : new Sli.Ratio(null, p, total);
    }
    if (ind.containsKey("thresholdMetric")) {
      MetricSelector m = source(obj(ind, "thresholdMetric", at + ".thresholdMetric"), at + ".thresholdMetric");
      String op = objective.getString("op");
      if (!"lte".equals(op) && !"lt".equals(op)) {
        throw new SloDefinitionException(oat + ".op", "a thresholdMetric objective with op " + op + " is "
            + "unsupported: Glasshouse counts histogram observations at or below a value (op lte or lt)");
      }
      Object v = objective.getValue("value");
      if (!(v instanceof Number n) || !(n.doubleValue() > 0)) {
        throw new SloDefinitionException(oat + ".value", "a positive number is required with a thresholdMetric "
            + "(the threshold in the histogram's unit, seconds for latency)");
      }
      return new Sli.Latency(m, n.doubleValue());
    }
    throw new SloDefinitionException(at, "one of ratioMetric or thresholdMetric is required");
  }

  private MetricSelector source(JsonObject holder, String at) {
    JsonObject ms = obj(holder, "metricSource", at + ".metricSource");
    String type = ms.getString("type");
    if (type == null && ms.containsKey("metricSourceRef")) {
      JsonObject ds = dataSources.get(ms.getString("metricSourceRef"));
      if (ds == null) {
        throw new SloDefinitionException(at + ".metricSource.metricSourceRef", "no DataSource named "
            + ms.getString("metricSourceRef") + " among the documents; give type: Prometheus or include it");
      }
      type = ds.getJsonObject("spec", new JsonObject()).getString("type");
    }
    if (type != null && !type.equalsIgnoreCase("Prometheus") && !type.equalsIgnoreCase("Glasshouse")) {
      throw new SloDefinitionException(at + ".metricSource.type", "metric source type " + type + " is unsupported: "
          + "Glasshouse reads its own rollups with Prometheus-style series selectors (type Prometheus or "
          + "Glasshouse)");
    }
    JsonObject spec = obj(ms, "spec", at + ".metricSource.spec");
    String query = str(spec, "query", at + ".metricSource.spec.query");
    try {
      return MetricSelector.parse(query);
    } catch (IllegalArgumentException e) {
      throw new SloDefinitionException(at + ".metricSource.spec.query", "only a plain series selector is "
          + "supported (PromQL functions and aggregations are not): " + e.getMessage());
    }
  }

  private static SloWindow window(JsonObject spec, String at) {
    JsonArray tw = spec.getJsonArray("timeWindow");
    if (tw == null || tw.size() != 1 || !(tw.getValue(0) instanceof JsonObject w)) {
      throw new SloDefinitionException(at, "exactly one time window is required");
    }
    String wat = at + "[0]";
    String text = String.valueOf(w.getValue("duration"));
    Matcher m = SHORTHAND.matcher(text);
    if (!m.matches()) {
      throw new SloDefinitionException(wat + ".duration", "must be a duration shorthand such as 28d, 4w, 1M or 1Q; "
          + "got " + text);
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2);
    boolean hasCalendar = w.containsKey("calendar");
    boolean rolling = w.containsKey("isRolling") ? Boolean.TRUE.equals(w.getValue("isRolling")) : !hasCalendar;
    if (rolling) {
      Duration d = switch (unit) {
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        case "w" -> Duration.ofDays(7 * n);
        default -> throw new SloDefinitionException(wat + ".duration", "a rolling window of " + text + " is "
            + "unsupported: months, quarters and years have no fixed length; use days (e.g. 30d) or weeks");
      };
      if (n <= 0) {
        throw new SloDefinitionException(wat + ".duration", "must be positive");
      }
      return new SloWindow.Rolling(d);
    }
    SloWindow.Unit u = n != 1 ? null : switch (unit) {
      case "w" -> SloWindow.Unit.WEEK;
      case "M" -> SloWindow.Unit.MONTH;
      case "Q" -> SloWindow.Unit.QUARTER;
      default -> null;
    };
    if (u == null) {
      throw new SloDefinitionException(wat + ".duration", "a calendar window of " + text + " is unsupported: "
          + "calendar windows are 1w, 1M or 1Q (in OpenSLO m is minutes and M months)");
    }
    JsonObject cal = w.getJsonObject("calendar", new JsonObject());
    ZoneId zone = ZoneOffset.UTC;
    if (cal.containsKey("timeZone")) {
      try {
        zone = ZoneId.of(cal.getString("timeZone"));
      } catch (DateTimeException | ClassCastException e) {
        throw new SloDefinitionException(wat + ".calendar.timeZone", "must be an IANA time zone such as "
            + "America/New_York; got " + cal.getValue("timeZone"));
      }
    }
    LocalDateTime anchor = null;
    if (cal.containsKey("startTime")) {
      try {
        anchor = LocalDateTime.parse(String.valueOf(cal.getValue("startTime")).trim().replace(' ', 'T'));
      } catch (DateTimeException e) {
        throw new SloDefinitionException(wat + ".calendar.startTime", "must be a date and time such as "
            + "2022-01-01 00:00:00; got " + cal.getValue("startTime"));
      }
    }
    return new SloWindow.Calendar(u, zone, anchor);
  }

  private static Budgeting timeslices(JsonObject o, String oat) {
    Object st = o.getValue("timeSliceTarget");
    if (!(st instanceof Number n) || !(n.doubleValue() > 0 && n.doubleValue() <= 1)) {
      throw new SloDefinitionException(oat + ".timeSliceTarget", "Timeslices needs timeSliceTarget in (0, 1]; got "
          + st);
    }
    Object sw = o.getValue("timeSliceWindow");
    Duration slice;
    if (sw instanceof Number num) {
      slice = Duration.ofMinutes(num.longValue());
    } else {
      Matcher m = SHORTHAND.matcher(String.valueOf(sw));
      if (!m.matches() || !"mhd".contains(m.group(2))) {
        throw new SloDefinitionException(oat + ".timeSliceWindow", "Timeslices needs timeSliceWindow in minutes, "
            + "hours or days (e.g. 1m, 5m, 1h); got " + sw);
      }
      long k = Long.parseLong(m.group(1));
      slice = switch (m.group(2)) {
        case "m" -> Duration.ofMinutes(k);
        case "h" -> Duration.ofHours(k);
        default -> Duration.ofDays(k);
      };
    }
    if (slice.toMinutes() < 1) {
      throw new SloDefinitionException(oat + ".timeSliceWindow", "must be at least one minute");
    }
    return new Budgeting.Timeslices(slice, n.doubleValue());
  }

  private static double target(JsonObject o, String oat) {
    boolean t = o.containsKey("target");
    boolean tp = o.containsKey("targetPercent");
    if (t == tp) {
      throw new SloDefinitionException(oat, "give exactly one of target (e.g. 0.999) or targetPercent (99.9)");
    }
    Object v = o.getValue(t ? "target" : "targetPercent");
    if (!(v instanceof Number n)) {
      throw new SloDefinitionException(oat + (t ? ".target" : ".targetPercent"), "must be a number");
    }
    double target = t ? n.doubleValue() : n.doubleValue() / 100;
    if (!(target > 0 && target < 1)) {
      throw new SloDefinitionException(oat + (t ? ".target" : ".targetPercent"), "must be above 0 and below "
          + (t ? "1" : "100") + "; got " + v);
    }
    return target;
  }

  private OpenSloAlertPolicy policy(JsonObject doc, String at) {
    JsonObject meta = obj(doc, "metadata", at + ".metadata");
    JsonObject spec = obj(doc, "spec", at + ".spec");
    List<OpenSloAlertPolicy.Condition> conds = new ArrayList<>();
    JsonArray cs = spec.getJsonArray("conditions", new JsonArray());
    for (int k = 0; k < cs.size(); k++) {
      String cat = at + ".spec.conditions[" + k + "]";
      JsonObject c = cs.getJsonObject(k);
      JsonObject cdoc;
      if (c.containsKey("conditionRef")) {
        cdoc = conditions.get(c.getString("conditionRef"));
        if (cdoc == null) {
          throw new SloDefinitionException(cat + ".conditionRef", "no AlertCondition named "
              + c.getString("conditionRef") + " among the documents");
        }
      } else {
        cdoc = c;
      }
      JsonObject cspec = obj(cdoc, "spec", cat + ".spec");
      JsonObject cond = obj(cspec, "condition", cat + ".spec.condition");
      String kind = cond.getString("kind", "burnrate");
      if (!"burnrate".equals(kind)) {
        throw new SloDefinitionException(cat + ".spec.condition.kind", "only burnrate conditions are supported; "
            + "got " + kind);
      }
      Object threshold = cond.getValue("threshold");
      if (!(threshold instanceof Number thr)) {
        throw new SloDefinitionException(cat + ".spec.condition.threshold", "a number is required");
      }
      conds.add(new OpenSloAlertPolicy.Condition(cdoc.getJsonObject("metadata", new JsonObject()).getString("name",
          ""), cspec.getString("severity", ""), cond.getString("op", "gte"), thr.doubleValue(),
          shorthand(cond.getValue("lookbackWindow"), cat + ".spec.condition.lookbackWindow"),
          cond.containsKey("alertAfter") ? shorthand(cond.getValue("alertAfter"), cat + ".spec.condition.alertAfter")
              : Duration.ZERO));
    }
    List<String> targets = new ArrayList<>();
    JsonArray ts = spec.getJsonArray("notificationTargets", new JsonArray());
    for (int k = 0; k < ts.size(); k++) {
      JsonObject t = ts.getJsonObject(k);
      targets.add(t.containsKey("targetRef") ? t.getString("targetRef")
          : t.getJsonObject("metadata", new JsonObject()).getString("name", ""));
    }
    return new OpenSloAlertPolicy(meta.getString("name"), spec.getString("description", ""),
        spec.getBoolean("alertWhenBreaching", false), spec.getBoolean("alertWhenResolved", false),
        spec.getBoolean("alertWhenNoData", false), conds, targets);
  }

  private static Duration shorthand(Object v, String at) {
    Matcher m = SHORTHAND.matcher(String.valueOf(v));
    if (!m.matches() || !"mhdw".contains(m.group(2))) {
      throw new SloDefinitionException(at, "must be a duration shorthand in minutes, hours, days or weeks (5m, 1h); "
          + "got " + v);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }

  private static Map<String, String> labels(JsonObject meta) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonObject l = meta.getJsonObject("labels");
    if (l != null) {
      for (String k : l.fieldNames()) {
        Object v = l.getValue(k);
        out.put(k, v instanceof JsonArray a ? String.join(",", a.stream().map(String::valueOf).toList())
            : String.valueOf(v));
      }
    }
    return out;
  }

  private static JsonObject obj(JsonObject o, String key, String at) {
    Object v = o.getValue(key);
    if (!(v instanceof JsonObject j)) {
      throw new SloDefinitionException(at, v == null ? "is required" : "must be a mapping");
    }
    return j;
  }

  private static String str(JsonObject o, String key, String at) {
    Object v = o.getValue(key);
    if (!(v instanceof String s) || s.isBlank()) {
      throw new SloDefinitionException(at, v == null ? "is required" : "must be a non-empty string");
    }
    return s;
  }

  /** YAML trees to Vert.x JSON: maps, lists, and timestamps as local date-times (YAML reads them as UTC). */
  private static Object normalise(Object o) {
    if (o instanceof Map<?, ?> m) {
      JsonObject j = new JsonObject();
      m.forEach((k, v) -> j.put(String.valueOf(k), normalise(v)));
      return j;
    }
    if (o instanceof List<?> l) {
      JsonArray a = new JsonArray();
      l.forEach(v -> a.add(normalise(v)));
      return a;
    }
    if (o instanceof Date d) {
      return LocalDateTime.ofInstant(d.toInstant(), ZoneOffset.UTC).toString();
    }
    return o;
  }
}
