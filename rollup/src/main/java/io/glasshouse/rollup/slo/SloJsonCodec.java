package io.glasshouse.rollup.slo;

import io.glasshouse.rollup.query.TimeSyntax;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes {@link SloDefinition}s as JSON: the shape of the config file's {@code slos:} entries and of the
 * config API's {@code slo} kind. {@code toJson(fromJson(x))} is {@code x} normalised (defaults written out);
 * {@code fromJson(toJson(d))} equals {@code d}.
 *
 * <pre>{@code
 * {"name": "checkout-availability", "service": "checkout", "target": 0.999,
 *  "description": "…", "owner": "team-payments", "labels": {"tier": "1"},
 *  "sli": {"ratio": {"bad": "http_server_requests{status=~\"5..\"}", "total": "http_server_requests"}},
 *     // or {"ratio": {"good": …, "total": …}}
 *     // or {"latency": {"metric": "http_server_requests_seconds{uri=\"/pay\"}", "threshold": 0.3}}
 *     // or {"gauge": {"metric": "probe_success"}}
 *  "window": {"rolling": "30d"},          // or {"calendar": "month", "time-zone": "Europe/Berlin"}
 *                                          //    (week | month | quarter; optional "start": "2026-01-05T00:00")
 *  "budgeting": {"method": "occurrences"}} // or {"method": "timeslices", "slice": "1m", "slice-target": 0.95}
 * }</pre>
 *
 * <p>Unknown keys are refused, as is anything missing or malformed: {@link SloDefinitionException} names the field
 * as a JSON path ({@code sli.ratio.good}) and says what to write. Defaults: {@code budgeting} occurrences,
 * {@code time-zone} UTC, empty labels, description and owner. Thread-safe, stateless.
 */
public final class SloJsonCodec {
  private static final Set<String> TOP = Set.of("name", "service", "sli", "target", "window", "budgeting", "labels",
      "description", "owner");

  /** Reads and validates one definition; throws {@link SloDefinitionException} naming the field at fault. */
  public SloDefinition fromJson(JsonObject json) {
    if (json == null) {
      throw new SloDefinitionException("", "expected an SLO object with name, service, sli, target and window");
    }
    keys(json, "", TOP);
    String name = string(json, "name", "name");
    if (!SloDefinition.NAME.matcher(name).matches()) {
      throw new SloDefinitionException("name", "must be 1 to 63 lower-case letters, digits and dashes, starting "
          + "and ending with a letter or digit (e.g. checkout-availability); got '" + name + "'");
    }
    String service = string(json, "service", "service");
    double target = number(json, "target", "target");
    if (!(target > 0 && target < 1)) {
      throw new SloDefinitionException("target", "must be a fraction strictly between 0 and 1, e.g. 0.999 for "
          + "99.9%; got " + target);
    }
    Sli sli = sli(object(json, "sli", "sli", true));
    SloWindow window = window(object(json, "window", "window", true));
    Budgeting budgeting = budgeting(object(json, "budgeting", "budgeting", false), window);
    Map<String, String> labels = labels(json);
    return new SloDefinition(name, service, sli, target, window, budgeting, labels,
        optionalString(json, "description"), optionalString(json, "owner"));
  }

  /** Writes {@code d} in the shape {@link #fromJson} reads, defaults written out. */
  public JsonObject toJson(SloDefinition d) {
    JsonObject sli = new JsonObject();
    if (d.sli() instanceof Sli.Ratio r) {
      JsonObject ratio = new JsonObject();
      if (r.good() != null) {
        ratio.put("good", r.good().text());
      } else {
        ratio.put("bad", r.bad().text());
      }
      sli.put("ratio", ratio.put("total", r.total().text()));
    } else if (d.sli() instanceof Sli.Latency l) {
      sli.put("latency", new JsonObject().put("metric", l.histogram().text()).put("threshold", l.threshold()));
    } else if (d.sli() instanceof Sli.Gauge g) {
      sli.put("gauge", new JsonObject().put("metric", g.gauge().text()));
    }
    JsonObject window;
    if (d.window() instanceof SloWindow.Calendar c) {
      window = new JsonObject().put("calendar", c.unit().jsonName()).put("time-zone", c.zone().getId());
      if (!c.naturalAnchor()) {
        window.put("start", c.anchor().toString());
      }
    } else {
      window = new JsonObject().put("rolling", formatDuration(((SloWindow.Rolling) d.window()).length()));
    }
    JsonObject budgeting = new JsonObject();
    if (d.budgeting() instanceof Budgeting.Timeslices t) {
      budgeting.put("method", "timeslices").put("slice", formatDuration(t.slice())).put("slice-target",
          t.sliceTarget());
    } else {
      budgeting.put("method", "occurrences");
    }
    return new JsonObject()
        .put("name", d.name())
        .put("service", d.service())
        .put("description", d.description())
        .put("owner", d.owner())
        .put("labels", new JsonObject(new LinkedHashMap<>(d.labels())))
        .put("target", d.target())
        .put("sli", sli)
        .put("window", window)
        .put("budgeting", budgeting);
  }

  private static Sli sli(JsonObject sli) {
    keys(sli, "sli", Set.of("ratio", "latency", "gauge"));
    if (sli.size() != 1) {
      throw new SloDefinitionException("sli", "must hold exactly one of ratio, latency or gauge; got "
          + (sli.isEmpty() ? "none" : String.join(", ", sli.fieldNames())));
    }
    if (sli.containsKey("ratio")) {
      JsonObject r = object(sli, "ratio", "sli.ratio", true);
      keys(r, "sli.ratio", Set.of("good", "bad", "total"));
      if (r.containsKey("good") == r.containsKey("bad")) {
        throw new SloDefinitionException("sli.ratio", "give exactly one of good (the events that count as good) "
            + "or bad (those that count as bad), with total");
      }
      MetricSelector good = r.containsKey("good") ? selector(r, "good", "sli.ratio.good") : null;
      MetricSelector bad = r.containsKey("bad") ? selector(r, "bad", "sli.ratio.bad") : null;
      return new Sli.Ratio(good, bad, selector(r, "total", "sli.ratio.total"));
    }
    if (sli.containsKey("latency")) {
      JsonObject l = object(sli, "latency", "sli.latency", true);
      keys(l, "sli.latency", Set.of("metric", "threshold"));
      MetricSelector m = selector(l, "metric", "sli.latency.metric");
      double t = number(l, "threshold", "sli.latency.threshold");
      if (!(t > 0) || Double.isInfinite(t)) {
        throw new SloDefinitionException("sli.latency.threshold", "must be a positive number in the metric's unit "
            + "(seconds for latency), e.g. 0.3; got " + t);
      }
      return new Sli.Latency(m, t);
    }
    JsonObject g = object(sli, "gauge", "sli.gauge", true);
    keys(g, "sli.gauge", Set.of("metric"));
    return new Sli.Gauge(selector(g, "metric", "sli.gauge.metric"));
  }

  private static SloWindow window(JsonObject w) {
    keys(w, "window", Set.of("rolling", "calendar", "time-zone", "start"));
    if (w.containsKey("rolling") == w.containsKey("calendar")) {
      throw new SloDefinitionException("window", "give exactly one of rolling (e.g. \"30d\") or calendar (week, "
          + "month or quarter, with time-zone)");
    }
    if (w.containsKey("rolling")) {
      if (w.containsKey("time-zone") || w.containsKey("start")) {
        throw new SloDefinitionException("window", "time-zone and start apply only to calendar windows");
      }
      Duration d = duration(w, "rolling", "window.rolling");
      if (d.toMinutes() < 1 || d.toMillis() % 60_000 != 0) {
        throw new SloDefinitionException("window.rolling", "must be a whole number of minutes, at least 1m, "
            + "e.g. 7d, 28d or 30d; got " + w.getValue("rolling"));
      }
      return new SloWindow.Rolling(d);
    }
    String unitText = string(w, "calendar", "window.calendar");
    SloWindow.Unit unit;
    try {
      unit = SloWindow.Unit.valueOf(unitText.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SloDefinitionException("window.calendar", "must be one of week, month or quarter; got '"
          + unitText + "'");
    }
    ZoneId zone = java.time.ZoneOffset.UTC;
    if (w.containsKey("time-zone")) {
      String z = string(w, "time-zone", "window.time-zone");
      try {
        zone = ZoneId.of(z);
      } catch (DateTimeException e) {
        throw new SloDefinitionException("window.time-zone", "must be an IANA time zone such as Europe/Berlin or "
            + "America/New_York (or UTC); got '" + z + "'");
      }
    }
    LocalDateTime anchor = null;
    if (w.containsKey("start")) {
      String s = string(w, "start", "window.start");
      try {
        anchor = LocalDateTime.parse(s.trim().replace(' ', 'T'));
      } catch (DateTimeParseException e) {
        throw new SloDefinitionException("window.start", "must be a local date and time without zone, e.g. "
            + "2026-01-01T00:00 (a period starts there and every " + unit.jsonName() + " after); got '" + s + "'");
      }
    }
    return new SloWindow.Calendar(unit, zone, anchor);
  }

  private static Budgeting budgeting(JsonObject b, SloWindow window) {
    if (b == null) {
      return new Budgeting.Occurrences();
    }
    keys(b, "budgeting", Set.of("method", "slice", "slice-target"));
    String method = b.containsKey("method") ? string(b, "method", "budgeting.method") : "occurrences";
    switch (method.trim().toLowerCase(Locale.ROOT)) {
      case "occurrences" -> {
        if (b.containsKey("slice") || b.containsKey("slice-target")) {
          throw new SloDefinitionException("budgeting", "slice and slice-target apply only to method timeslices");
        }
        return new Budgeting.Occurrences();
      }
      case "timeslices" -> {
        Duration slice = duration(b, "slice", "budgeting.slice");
        if (slice.toMinutes() < 1 || slice.toMillis() % 60_000 != 0) {
          throw new SloDefinitionException("budgeting.slice", "must be a whole number of minutes, at least 1m, "
              + "e.g. 1m or 5m; got " + b.getValue("slice"));
        }
        if (slice.compareTo(window.nominal()) > 0 || window.nominal().toMillis() % slice.toMillis() != 0
            && window instanceof SloWindow.Rolling) {
          throw new SloDefinitionException("budgeting.slice", "must divide the window evenly (e.g. 1m, 5m, 1h); "
              + "got " + b.getValue("slice"));
        }
        double st = number(b, "slice-target", "budgeting.slice-target");
        if (!(st > 0 && st <= 1)) {
          throw new SloDefinitionException("budgeting.slice-target", "must be a fraction in (0, 1], the share of a "
              + "slice's events that must be good for the slice to be good, e.g. 0.95; got " + st);
        }
        return new Budgeting.Timeslices(slice, st);
      }
      default -> throw new SloDefinitionException("budgeting.method", "must be occurrences or timeslices; got '"
          + method + "'");
    }
  }

  private static Map<String, String> labels(JsonObject json) {
    JsonObject l = object(json, "labels", "labels", false);
    Map<String, String> out = new LinkedHashMap<>();
    if (l != null) {
      for (String k : l.fieldNames()) {
        Object v = l.getValue(k);
        if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
          throw new SloDefinitionException("labels." + k, "label values must be strings");
        }
        out.put(k, String.valueOf(v));
      }
    }
    return out;
  }

  static void keys(JsonObject o, String path, Set<String> known) {
    for (String k : o.fieldNames()) {
      if (!known.contains(k)) {
        throw new SloDefinitionException(path.isEmpty() ? k : path + "." + k, "is not a known key; known keys "
            + "here: " + String.join(", ", new java.util.TreeSet<>(known)));
      }
    }
  }

  private static JsonObject object(JsonObject o, String key, String path, boolean required) {
    Object v = o.getValue(key);
    if (v == null) {
      if (required) {
        throw new SloDefinitionException(path, "is required");
      }
      return null;
    }
    if (v instanceof JsonObject j) {
      return j;
    }
    if (v instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) m;
      return new JsonObject(map);
    }
    throw new SloDefinitionException(path, "must be an object");
  }

  private static String string(JsonObject o, String key, String path) {
    Object v = o.getValue(key);
    if (v == null) {
      throw new SloDefinitionException(path, "is required");
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw new SloDefinitionException(path, "must be a non-empty string");
    }
    return s;
  }

  private static String optionalString(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v == null) {
      return "";
    }
    if (!(v instanceof String s)) {
      throw new SloDefinitionException(key, "must be a string");
    }
    return s;
  }

  private static double number(JsonObject o, String key, String path) {
    Object v = o.getValue(key);
    if (v == null) {
      throw new SloDefinitionException(path, "is required");
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new SloDefinitionException(path, "must be a number, got '" + v + "'");
  }

  private static Duration duration(JsonObject o, String key, String path) {
    String s = o.getValue(key) instanceof Number n ? n + "s" : string(o, key, path);
    try {
      return TimeSyntax.parseDuration(s);
    } catch (IllegalArgumentException e) {
      throw new SloDefinitionException(path, "must be a duration such as 5m, 1h, 7d or 30d; " + e.getMessage());
    }
  }

  private static MetricSelector selector(JsonObject o, String key, String path) {
    String s = string(o, key, path);
    try {
      return MetricSelector.parse(s);
    } catch (IllegalArgumentException e) {
      throw new SloDefinitionException(path, e.getMessage());
    }
  }

  /** 30d, 1h30m, 5m: the largest units that divide exactly (Prometheus style, as {@link TimeSyntax} reads). */
  static String formatDuration(Duration d) {
    long s = d.getSeconds();
    if (s == 0) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    long[] sizes = {604800, 86400, 3600, 60, 1};
    String[] units = {"w", "d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (i == 0 && s % 604800 != 0) {
        continue;
      }
      long n = s / sizes[i];
      if (n > 0) {
        b.append(n).append(units[i]);
        s -= n * sizes[i];
      }
    }
    return b.toString();
  }
}
