package io.glasshouse.statuspage.page;

import io.glasshouse.rollup.status.BurnWindow;
import io.glasshouse.rollup.status.ComponentDefinition;
import io.glasshouse.rollup.status.ComponentState;
import io.glasshouse.rollup.status.ComponentStatus;
import io.glasshouse.rollup.status.DailyStatus;
import io.glasshouse.rollup.status.PageStatus;
import io.glasshouse.rollup.status.StatusOverride;
import io.glasshouse.rollup.status.StatusReason;
import io.glasshouse.rollup.status.StatusRule;
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
 * The page's four states (operational, degraded, incident, maintenance) as status snapshots and published
 * incidents, with a private component and staff-only details planted everywhere they could leak from.
 */
final class PageStates {
  static final Instant NOW = Instant.parse("2026-05-20T12:00:00Z");

  /** Strings that must never appear on a public page, in any state. */
  static final List<String> SECRETS = List.of("Ledger internal", "ledger", "ledger-svc", "ledger-secret-slo",
      "checkout-availability-slo", "api-svc", "staff note", "db-primary-7", "checkout-7f9c-abcde", "alice-oncall");

  /** The XSS payloads one incident update carries. */
  static final String XSS_BODY = """
      We are **investigating** elevated errors.

      <script>window.__xss = 1</script>

      Inline <img src=x onerror="window.__xss = 2"> tag.

      [details](javascript:window.__xss=3) and [a "quote](https://example.com/"onmouseover="window.__xss=4)
      """;

  enum State { OPERATIONAL, DEGRADED, INCIDENT, MAINTENANCE }

  static final ComponentDefinition API = new ComponentDefinition("api", "Public API", "REST and webhooks", "Core",
      1, true, List.of("api-svc"), List.of("checkout-availability-slo"));
  static final ComponentDefinition WEB = new ComponentDefinition("web", "Web app", "", "Core", 2, true,
      List.of("web"), List.of());
  static final ComponentDefinition DOCS = new ComponentDefinition("docs", "Documentation", "", "", 1, true,
      List.of("docs"), List.of());
  static final ComponentDefinition LEDGER = new ComponentDefinition("ledger", "Ledger internal", "staff note",
      "Internal", 1, false, List.of("ledger-svc"), List.of("ledger-secret-slo"));

  private PageStates() {
  }

  static StatusSnapshot snapshot(State state) {
    ComponentStatus api = switch (state) {
      case OPERATIONAL, MAINTENANCE -> ComponentStatus.OPERATIONAL;
      case DEGRADED -> ComponentStatus.DEGRADED_PERFORMANCE;
      case INCIDENT -> ComponentStatus.MAJOR_OUTAGE;
    };
    ComponentStatus web = state == State.MAINTENANCE ? ComponentStatus.UNDER_MAINTENANCE : ComponentStatus.OPERATIONAL;
    List<ComponentState> states = List.of(
        component(API, api, burn(api, "checkout-availability-slo")),
        component(WEB, web, web == ComponentStatus.UNDER_MAINTENANCE ? maintenance() : StatusReason.allClear()),
        component(DOCS, ComponentStatus.OPERATIONAL, overridden()),
        component(LEDGER, ComponentStatus.MAJOR_OUTAGE, burn(ComponentStatus.MAJOR_OUTAGE, "ledger-secret-slo")));
    Map<String, List<DailyStatus>> history = new HashMap<>();
    for (ComponentDefinition d : List.of(API, WEB, DOCS, LEDGER)) {
      history.put(d.id(), days(d.id(), state));
    }
    PageStatus page = PageStatus.of(states.stream().filter(c -> c.component().isPublic())
        .map(ComponentState::status).toList());
    return new StatusSnapshot(NOW, states, page, history, UptimeWeights.DEFAULT);
  }

  static List<Incident> incidents(State state) {
    List<Incident> out = new ArrayList<>();
    out.add(resolvedLastMonth());
    if (state == State.INCIDENT) {
      out.add(activeIncident());
    }
    if (state == State.MAINTENANCE) {
      out.add(maintenance("m-now", IncidentStatus.IN_PROGRESS, NOW.minus(Duration.ofHours(1)), "Database upgrade"));
      out.add(maintenance("m-next", IncidentStatus.SCHEDULED, NOW.plus(Duration.ofDays(2)), "Network change"));
    }
    return out;
  }

  static Incident activeIncident() {
    Instant start = NOW.minus(Duration.ofMinutes(50));
    Map<String, ComponentStatus> affected = new LinkedHashMap<>();
    affected.put("api", ComponentStatus.MAJOR_OUTAGE);
    affected.put("ledger", ComponentStatus.MAJOR_OUTAGE);
    List<IncidentUpdate> updates = List.of(
        new IncidentUpdate("u2", IncidentStatus.IDENTIFIED, "The cause is a faulty deploy; rolling back.",
            NOW.minus(Duration.ofMinutes(20)), NOW.minus(Duration.ofMinutes(20)), List.of()),
        new IncidentUpdate("u1", IncidentStatus.INVESTIGATING, XSS_BODY, start, start, List.of(
            new ComponentChange("api", ComponentStatus.OPERATIONAL, ComponentStatus.MAJOR_OUTAGE),
            new ComponentChange("ledger", ComponentStatus.OPERATIONAL, ComponentStatus.MAJOR_OUTAGE))));
    return new Incident("inc-42", "Elevated API errors", IncidentStatus.IDENTIFIED, Impact.MAJOR, start,
        NOW.minus(Duration.ofMinutes(20)), null, null, start, null, null, affected, updates);
  }

  static Incident resolvedLastMonth() {
    Instant start = NOW.minus(Duration.ofDays(25));
    Instant end = start.plus(Duration.ofHours(2));
    return new Incident("inc-7", "Slow dashboard loads", IncidentStatus.RESOLVED, Impact.MINOR, start, end, null,
        end, start, null, null, Map.of("web", ComponentStatus.OPERATIONAL), List.of(
            new IncidentUpdate("u7b", IncidentStatus.RESOLVED, "Fixed; latency is back to normal.", end, end,
                List.of()),
            new IncidentUpdate("u7a", IncidentStatus.INVESTIGATING, "Pages load slowly.", start, start, List.of())));
  }

  static Incident maintenance(String id, IncidentStatus status, Instant from, String name) {
    Instant until = from.plus(Duration.ofHours(2));
    return new Incident(id, name, status, Impact.MAINTENANCE, NOW.minus(Duration.ofDays(3)), NOW, null, null, null,
        from, until, Map.of("web", ComponentStatus.UNDER_MAINTENANCE), List.of(
            new IncidentUpdate(id + "-u", status, "Planned work on *" + name + "*.", NOW.minus(Duration.ofDays(3)),
                NOW.minus(Duration.ofDays(3)), List.of())));
  }

  private static ComponentState component(ComponentDefinition d, ComponentStatus s, StatusReason reason) {
    return new ComponentState(d, s, reason, NOW.minus(Duration.ofHours(1)), s, List.of(reason), null,
        reason.override());
  }

  private static StatusReason burn(ComponentStatus s, String slo) {
    if (s == ComponentStatus.OPERATIONAL) {
      return StatusReason.allClear();
    }
    return new StatusReason(StatusRule.AVAILABILITY_BURN_1H_5M, s, slo, BurnWindow.H1, BurnWindow.M5, 20.0, 30.0,
        14.4, -0.2, "api-svc", null, NOW.minus(Duration.ofHours(1)), null);
  }

  private static StatusReason maintenance() {
    return new StatusReason(StatusRule.MAINTENANCE, ComponentStatus.UNDER_MAINTENANCE, null, null, null, null,
        null, null, null, null, null, NOW.minus(Duration.ofHours(1)), null);
  }

  private static StatusReason overridden() {
    StatusOverride o = new StatusOverride("docs", ComponentStatus.OPERATIONAL,
        "staff note: failing over db-primary-7 (checkout-7f9c-abcde)", "alice-oncall",
        NOW.minus(Duration.ofHours(2)), NOW.plus(Duration.ofHours(2)));
    return new StatusReason(StatusRule.OVERRIDE, ComponentStatus.OPERATIONAL, null, null, null, null, null, null,
        null, null, o, o.setAt(), null);
  }

  /** 90 days: a few bad days in the past; today as the state says. The first 10 days have no data. */
  private static List<DailyStatus> days(String id, State state) {
    List<DailyStatus> out = new ArrayList<>();
    LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    for (int k = 89; k >= 0; k--) {
      LocalDate day = today.minusDays(k);
      Map<ComponentStatus, Long> ms = new HashMap<>();
      long full = k == 0 ? Duration.ofHours(12).toMillis() : Duration.ofDays(1).toMillis();
      if (k >= 80) {
        out.add(DailyStatus.empty(id, day));
        continue;
      }
      if (k == 25 && id.equals("web")) {
        ms.put(ComponentStatus.DEGRADED_PERFORMANCE, Duration.ofHours(2).toMillis());
        full -= Duration.ofHours(2).toMillis();
      } else if (k == 40 && id.equals("api")) {
        ms.put(ComponentStatus.MAJOR_OUTAGE, Duration.ofMinutes(30).toMillis());
        full -= Duration.ofMinutes(30).toMillis();
      } else if (k == 0 && state == State.INCIDENT && id.equals("api")) {
        ms.put(ComponentStatus.MAJOR_OUTAGE, Duration.ofMinutes(50).toMillis());
        full -= Duration.ofMinutes(50).toMillis();
      } else if (k == 0 && state == State.DEGRADED && id.equals("api")) {
        ms.put(ComponentStatus.DEGRADED_PERFORMANCE, Duration.ofMinutes(30).toMillis());
        full -= Duration.ofMinutes(30).toMillis();
      } else if (k == 0 && state == State.MAINTENANCE && id.equals("web")) {
        ms.put(ComponentStatus.UNDER_MAINTENANCE, Duration.ofHours(1).toMillis());
        full -= Duration.ofHours(1).toMillis();
      }
      ms.put(ComponentStatus.OPERATIONAL, full);
      out.add(new DailyStatus(id, day, ms));
    }
    return out;
  }
}
