package io.glasshouse.alerts.store;

import io.glasshouse.alerts.nflog.Delivery;
import io.glasshouse.alerts.nflog.NflogEntry;
import io.glasshouse.alerts.route.Matcher;
import io.glasshouse.alerts.silence.Silence;
import io.glasshouse.alerts.state.Alert;
import io.glasshouse.alerts.state.AlertState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** JSON forms of the stored objects (also used by the API). */
public final class Codec {
  private Codec() {
  }

  public static JsonObject alert(Alert a) {
    return new JsonObject().put("rule", a.rule()).put("fingerprint", a.fingerprint()).put("state", a.state().key())
        .put("labels", map(a.labels())).put("annotations", map(a.annotations()))
        .put("activeAt", str(a.activeAt())).put("startsAt", str(a.startsAt())).put("endsAt", str(a.endsAt()))
        .put("lastSeenAt", str(a.lastSeenAt())).put("value", Double.isFinite(a.value()) ? a.value() : null)
        .put("generatorURL", a.generatorUrl());
  }

  public static Alert alert(JsonObject o) {
    Double v = o.getDouble("value");
    return new Alert(o.getString("rule"), strings(o.getJsonObject("labels")), strings(o.getJsonObject("annotations")),
        AlertState.valueOf(o.getString("state").toUpperCase(java.util.Locale.ROOT)), time(o.getString("activeAt")),
        time(o.getString("startsAt")), time(o.getString("endsAt")), time(o.getString("lastSeenAt")),
        v == null ? Double.NaN : v, o.getString("generatorURL"));
  }

  public static JsonObject silence(Silence s, Instant now) {
    JsonArray m = new JsonArray();
    for (Matcher x : s.matchers()) {
      m.add(new JsonObject().put("name", x.name()).put("value", x.value())
          .put("isRegex", x.op() == Matcher.Op.RE || x.op() == Matcher.Op.NRE)
          .put("isEqual", x.op() == Matcher.Op.EQ || x.op() == Matcher.Op.RE));
    }
    JsonObject o = new JsonObject().put("id", s.id()).put("matchers", m).put("startsAt", str(s.startsAt()))
        .put("endsAt", str(s.endsAt())).put("createdBy", s.createdBy()).put("comment", s.comment())
        .put("updatedAt", str(s.updatedAt()));
    if (now != null) {
      o.put("status", new JsonObject().put("state", s.state(now)));
    }
    return o;
  }

  public static Silence silence(JsonObject o) {
    List<Matcher> ms = new java.util.ArrayList<>();
    for (Object x : o.getJsonArray("matchers")) {
      JsonObject m = (JsonObject) x;
      boolean re = m.getBoolean("isRegex", false);
      boolean eq = m.getBoolean("isEqual", true);
      Matcher.Op op = re ? (eq ? Matcher.Op.RE : Matcher.Op.NRE) : (eq ? Matcher.Op.EQ : Matcher.Op.NE);
      ms.add(Matcher.of(m.getString("name"), op, m.getString("value")));
    }
    return new Silence(o.getString("id"), ms, time(o.getString("startsAt")), time(o.getString("endsAt")),
        o.getString("createdBy"), o.getString("comment"), time(o.getString("updatedAt")));
  }

  public static JsonObject nflog(NflogEntry e) {
    return new JsonObject().put("groupKey", e.groupKey()).put("receiver", e.receiver())
        .put("firing", new JsonArray(List.copyOf(e.firing()))).put("resolved", new JsonArray(List.copyOf(e.resolved())))
        .put("at", str(e.at())).put("acknowledged", e.acknowledged());
  }

  public static NflogEntry nflog(JsonObject o) {
    return new NflogEntry(o.getString("groupKey"), o.getString("receiver"), set(o.getJsonArray("firing")),
        set(o.getJsonArray("resolved")), time(o.getString("at")), o.getBoolean("acknowledged", false));
  }

  public static JsonObject delivery(Delivery d) {
    return new JsonObject().put("at", str(d.at())).put("receiver", d.receiver()).put("integration", d.integration())
        .put("groupKey", d.groupKey()).put("status", d.status()).put("alerts", d.alerts()).put("outcome", d.outcome())
        .put("attempts", d.attempts()).put("error", d.error());
  }

  public static Delivery delivery(JsonObject o) {
    return new Delivery(time(o.getString("at")), o.getString("receiver"), o.getString("integration"),
        o.getString("groupKey"), o.getString("status"), o.getInteger("alerts", 0), o.getString("outcome"),
        o.getInteger("attempts", 0), o.getString("error"));
  }

  static JsonObject map(java.util.Map<String, String> m) {
    JsonObject o = new JsonObject();
    m.forEach(o::put);
    return o;
  }

  private static TreeMap<String, String> strings(JsonObject o) {
    TreeMap<String, String> m = new TreeMap<>();
    if (o != null) {
      o.forEach(e -> m.put(e.getKey(), String.valueOf(e.getValue())));
    }
    return m;
  }

  private static Set<String> set(JsonArray a) {
    Set<String> s = new HashSet<>();
    if (a != null) {
      a.forEach(x -> s.add((String) x));
    }
    return s;
  }

  private static String str(Instant t) {
    return t == null ? null : t.toString();
  }

  private static Instant time(String s) {
    return s == null ? null : Instant.parse(s);
  }
}
