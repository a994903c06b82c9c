package io.glasshouse.statuspage.v2;

import io.glasshouse.rollup.status.ComponentDefinition;
import io.glasshouse.rollup.status.ComponentState;
import io.glasshouse.rollup.status.ComponentStatus;
import io.glasshouse.rollup.status.DailyStatus;
import io.glasshouse.rollup.status.PageStatus;
import io.glasshouse.rollup.status.StatusReason;
import io.glasshouse.rollup.status.StatusSnapshot;
import io.glasshouse.rollup.status.UptimeWeights;
import io.glasshouse.statuspage.incident.ComponentChange;
import io.glasshouse.statuspage.incident.Impact;
import io.glasshouse.statuspage.incident.Incident;
import io.glasshouse.statuspage.incident.IncidentStatus;
import io.glasshouse.statuspage.incident.IncidentUpdate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page in the four states the API must answer in (operational, degraded, incident, maintenance): public API and
 * Web in group "Platform", public CDN without a group, and a private component in the same group whose id and
 * name must never be public.
 */
final class Scenes {
  static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  static final String PRIVATE_ID = "ledger-private";
  static final String PRIVATE_NAME = "Ledger Internal Secret";

  static final ComponentDefinition API = new ComponentDefinition("api", "API", "Public REST API", "Platform", 1,
      true, List.of("api"), List.of());
  static final ComponentDefinition WEB = new ComponentDefinition("web", "Web", "", "Platform", 2, true,
      List.of("web"), List.of());
  static final ComponentDefinition SECRET = new ComponentDefinition(PRIVATE_ID, PRIVATE_NAME, "staff only",
      "Platform", 3, false, List.of("ledger"), List.of());
  static final ComponentDefinition CDN = new ComponentDefinition("cdn", "CDN", "Static assets", "", 1, true,
      List.of("cdn"), List.of());

  enum State { OPERATIONAL, DEGRADED, INCIDENT, MAINTENANCE }

  private Scenes() {
  }

  /** The snapshot of {@code state}: which components are in which status. */
  static StatusSnapshot snapshot(State state) {
    Map<ComponentDefinition, ComponentStatus> st = new LinkedHashMap<>();
    st.put(API, ComponentStatus.OPERATIONAL);
    st.put(WEB, ComponentStatus.OPERATIONAL);
    st.put(SECRET, ComponentStatus.MAJOR_OUTAGE);
    st.put(CDN, ComponentStatus.OPERATIONAL);
    switch (state) {
      case DEGRADED -> st.put(WEB, ComponentStatus.DEGRADED_PERFORMANCE);
      case INCIDENT -> {
        st.put(API, ComponentStatus.MAJOR_OUTAGE);
        st.put(WEB, ComponentStatus.PARTIAL_OUTAGE);
      }
      case MAINTENANCE -> st.put(CDN, ComponentStatus.UNDER_MAINTENANCE);
      default -> {
      }
    }
    return snapshot(st);
  }

  static StatusSnapshot snapshot(Map<ComponentDefinition, ComponentStatus> statuses) {
    List<ComponentState> states = new ArrayList<>();
    List<ComponentStatus> publicStatuses = new ArrayList<>();
    Map<String, List<DailyStatus>> history = new HashMap<>();
    statuses.forEach((def, s) -> {
      states.add(new ComponentState(def, s, StatusReason.allClear(), NOW.minus(Duration.ofMinutes(20)), s,
          List.of(), null, null));
      if (def.isPublic()) {
        publicStatuses.add(s);
      }
      history.put(def.id(), days(def.id(), s));
    });
    return new StatusSnapshot(NOW, states, PageStatus.of(publicStatuses), history, UptimeWeights.DEFAULT);
  }

  /** 90 days: 89 fully operational, today with an hour in {@code today}. */
  static List<DailyStatus> days(String id, ComponentStatus today) {
    List<DailyStatus> out = new ArrayList<>();
    LocalDate last = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    for (int i = 89; i >= 0; i--) {
      LocalDate d = last.minusDays(i);
      Map<ComponentStatus, Long> ms = new HashMap<>();
      ms.put(ComponentStatus.OPERATIONAL, i == 0 ? 11 * 3_600_000L : 86_400_000L);
      if (i == 0) {
        ms.merge(today, 3_600_000L, Long::sum);
      }
      out.add(new DailyStatus(id, d, ms));
    }
    return out;
  }

  /** The published incidents of {@code state}. */
  static List<Incident> incidents(State state) {
    List<Incident> out = new ArrayList<>();
    out.add(resolvedYesterday());
    if (state == State.INCIDENT) {
      out.add(openIncident());
    }
    if (state == State.MAINTENANCE) {
      out.add(maintenance("mnt-active", IncidentStatus.IN_PROGRESS, NOW.minus(Duration.ofMinutes(30))));
      out.add(maintenance("mnt-upcoming", IncidentStatus.SCHEDULED, NOW.plus(Duration.ofDays(2))));
    }
    return out;
  }

  static Incident openIncident() {
    Instant t0 = NOW.minus(Duration.ofMinutes(20));
    IncidentUpdate first = new IncidentUpdate("upd-1", IncidentStatus.INVESTIGATING,
        "We are investigating errors on the API.", t0, t0, List.of(
            new ComponentChange("api", ComponentStatus.OPERATIONAL, ComponentStatus.MAJOR_OUTAGE),
            new ComponentChange(PRIVATE_ID, ComponentStatus.OPERATIONAL, ComponentStatus.MAJOR_OUTAGE)));
    IncidentUpdate second = new IncidentUpdate("upd-2", IncidentStatus.IDENTIFIED,
        "A bad deploy; rolling back.", t0.plusSeconds(600), t0.plusSeconds(600), List.of());
    return new Incident("inc-open", "API errors", IncidentStatus.IDENTIFIED, Impact.CRITICAL, t0,
        t0.plusSeconds(600), null, null, t0.minusSeconds(120), null, null,
        Map.of("api", ComponentStatus.MAJOR_OUTAGE, PRIVATE_ID, ComponentStatus.MAJOR_OUTAGE),
        List.of(second, first));
  }

  static Incident resolvedYesterday() {
    Instant t0 = NOW.minus(Duration.ofDays(1));
    Instant t1 = t0.plusSeconds(1800);
    Instant t2 = t0.plusSeconds(3600);
    return new Incident("inc-old", "Slow web pages", IncidentStatus.RESOLVED, Impact.MINOR, t0, t2, t1, t2, null,
        null, null, Map.of("web", ComponentStatus.OPERATIONAL), List.of(
            new IncidentUpdate("old-3", IncidentStatus.RESOLVED, "Resolved.", t2, t2, List.of(
                new ComponentChange("web", ComponentStatus.DEGRADED_PERFORMANCE, ComponentStatus.OPERATIONAL))),
            new IncidentUpdate("old-2", IncidentStatus.MONITORING, "Fixed; monitoring.", t1, t1, List.of()),
            new IncidentUpdate("old-1", IncidentStatus.INVESTIGATING, "Looking into it.", t0, t0, List.of(
                new ComponentChange("web", ComponentStatus.OPERATIONAL, ComponentStatus.DEGRADED_PERFORMANCE)))));
  }

  static Incident maintenance(String id, IncidentStatus status, Instant from) {
    Instant created = NOW.minus(Duration.ofDays(3));
    return new Incident(id, "CDN upgrade " + id, status, Impact.MAINTENANCE, created, created, null, null, null,
        from, from.plus(Duration.ofHours(2)), Map.of("cdn", ComponentStatus.UNDER_MAINTENANCE, PRIVATE_ID,
            ComponentStatus.UNDER_MAINTENANCE),
        List.of(new IncidentUpdate(id + "-u1", IncidentStatus.SCHEDULED, "We will upgrade the CDN.", created,
            created, List.of())));
  }
}
