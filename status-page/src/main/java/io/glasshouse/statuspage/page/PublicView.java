package io.glasshouse.statuspage.page;

import io.glasshouse.rollup.status.ComponentState;
import io.glasshouse.rollup.status.ComponentStatus;
import io.glasshouse.rollup.status.DailyStatus;
import io.glasshouse.rollup.status.StatusConfig;
import io.glasshouse.rollup.status.StatusSnapshot;
import io.glasshouse.statuspage.incident.ComponentChange;
import io.glasshouse.statuspage.incident.Incident;
import io.glasshouse.statuspage.incident.IncidentStatus;
import io.glasshouse.statuspage.incident.IncidentUpdate;
import io.glasshouse.statuspage.incident.Markdown;
import io.glasshouse.statuspage.web.Branding;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the public page's {@link PageModel} from a {@link StatusSnapshot} and the published incidents. This is
 * where "public means public" is enforced: only components marked public are shown, incidents name only public
 * components, and nothing of a component's status reason (SLOs, services, override notes) is carried over.
 */
public final class PublicView {
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
  /** Days shown per component. */
  public static final int DAYS = StatusConfig.HISTORY_DAYS;

  private final StatusSnapshot snapshot;
  private final List<Incident> incidents;
  private final Branding branding;
  private final Instant now;
  private final Map<String, String> publicNames = new LinkedHashMap<>();

  /**
   * @param incidents every published incident and maintenance (newest first)
   * @param now the clock's now: the end of open incidents on the bars
   */
  public PublicView(StatusSnapshot snapshot, List<Incident> incidents, Branding branding, Instant now) {
    this.snapshot = snapshot;
    this.incidents = incidents;
    this.branding = branding;
    this.now = now;
    for (ComponentState c : snapshot.components()) {
      if (c.component().isPublic()) {
        publicNames.put(c.id(), c.component().name());
      }
    }
  }

  /** The {@code /status} page. */
  public PageModel.Status status() {
    List<PageModel.Incident> active = new ArrayList<>();
    List<PageModel.Incident> inMaintenance = new ArrayList<>();
    List<Incident> upcoming = new ArrayList<>();
    for (Incident i : incidents) {
      if (!i.isOpen()) {
        continue;
      }
      if (!i.isMaintenance()) {
        active.add(incident(i));
      } else if (i.status() == IncidentStatus.SCHEDULED) {
        upcoming.add(i);
      } else {
        inMaintenance.add(incident(i));
      }
    }
    upcoming.sort(java.util.Comparator.comparing(Incident::scheduledFor));
    return new PageModel.Status(banner(), groups(), active, inMaintenance,
        upcoming.stream().map(this::incident).toList());
  }

  /** The banner alone. */
  public PageModel.Banner banner() {
    return new PageModel.Banner(snapshot.page().indicator().name().toLowerCase(Locale.ROOT),
        snapshot.page().description(), Words.when(snapshot.at(), branding.timeZone()), snapshot.at().toString());
  }

  /** Closed incidents and maintenance by month of their start (display time zone), newest month first. */
  public List<PageModel.Month> history() {
    TreeMap<YearMonth, List<PageModel.Incident>> months = new TreeMap<>();
    YearMonth current = YearMonth.from(now.atZone(branding.timeZone()));
    for (int k = 0; k < 3; k++) {
      months.put(current.minusMonths(k), new ArrayList<>());
    }
    for (Incident i : incidents) {
      if (i.isOpen()) {
        continue;
      }
      YearMonth m = YearMonth.from(start(i).atZone(branding.timeZone()));
      months.computeIfAbsent(m, k -> new ArrayList<>()).add(incident(i));
    }
    List<PageModel.Month> out = new ArrayList<>();
    months.descendingMap().forEach((m, list) -> out.add(new PageModel.Month(MONTH.format(m), list)));
    return out;
  }

  /** One incident as customers see it. */
  public PageModel.Incident incident(Incident i) {
    List<PageModel.Update> updates = new ArrayList<>();
    for (IncidentUpdate u : i.updates()) {
      String html = Markdown.toHtml(u.body());
      List<String> affected = new ArrayList<>();
      for (ComponentChange c : u.affected()) {
        String name = publicNames.get(c.componentId());
        if (name != null) {
          affected.add(name + ": " + Words.status(c.newStatus()));
        }
      }
      Instant shown = u.displayAt() != null ? u.displayAt() : u.createdAt();
      updates.add(new PageModel.Update(u.status().wire(), Words.status(u.status()),
          Words.when(shown, branding.timeZone()), shown == null ? "" : shown.toString(),
          out -> out.writeContent(html), affected));
    }
    List<String> components = new ArrayList<>();
    for (String id : componentIds(i)) {
      String name = publicNames.get(id);
      if (name != null) {
        components.add(name);
      }
    }
    return new PageModel.Incident(i.id(), i.name(), i.status().wire(), Words.status(i.status()), i.impact().wire(),
        Words.impact(i.impact()), i.isMaintenance(), Words.when(start(i), branding.timeZone()),
        Words.when(i.resolvedAt(), branding.timeZone()), Words.when(i.scheduledFor(), branding.timeZone()),
        Words.when(i.scheduledUntil(), branding.timeZone()), components, updates);
  }

  private List<PageModel.Group> groups() {
    Map<String, List<PageModel.Component>> groups = new LinkedHashMap<>();
    for (ComponentState c : snapshot.components()) {
      if (!c.component().isPublic()) {
        continue;
      }
      groups.computeIfAbsent(c.component().group(), k -> new ArrayList<>()).add(component(c));
    }
    List<PageModel.Group> out = new ArrayList<>();
    boolean named = groups.keySet().stream().anyMatch(n -> !n.isEmpty());
    groups.forEach((name, list) -> out.add(new PageModel.Group(name.isEmpty() && named ? "Other" : name, list)));
    return out;
  }

  private PageModel.Component component(ComponentState c) {
    List<DailyStatus> days = snapshot.history(c.id());
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Map<LocalDate, DailyStatus> byDay = new TreeMap<>();
    days.forEach(d -> byDay.put(d.day(), d));
    List<PageModel.Day> bars = new ArrayList<>();
    List<DailyStatus> shown = new ArrayList<>();
    for (int k = DAYS - 1; k >= 0; k--) {
      LocalDate day = today.minusDays(k);
      DailyStatus d = byDay.getOrDefault(day, DailyStatus.empty(c.id(), day));
      shown.add(d);
      boolean noData = d.observedMillis() == 0;
      ComponentStatus worst = d.worst();
      bars.add(new PageModel.Day("day-" + c.id() + "-" + day, Words.day(day), day.toString(),
          noData ? "nodata" : worst.apiName(), noData ? "No data" : Words.status(worst),
          Words.uptime(d.uptimePercent(snapshot.weights())), incidentsOn(c.id(), day), k < 30));
    }
    return new PageModel.Component(c.id(), c.component().name(), c.component().description(),
        c.status().apiName(), Words.status(c.status()),
        Words.uptime(DailyStatus.uptimePercent(shown, snapshot.weights())), bars);
  }

  private List<String> incidentsOn(String componentId, LocalDate day) {
    Instant from = day.atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant to = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    List<String> out = new ArrayList<>();
    for (Incident i : incidents) {
      if (!componentIds(i).contains(componentId)) {
        continue;
      }
      Instant start = start(i);
      Instant end = i.resolvedAt() != null ? i.resolvedAt()
          : i.isMaintenance() && i.status() == IncidentStatus.SCHEDULED ? start : now;
      if (start.isBefore(to) && !end.isBefore(from)) {
        out.add(i.name());
      }
    }
    return out;
  }

  private static Set<String> componentIds(Incident i) {
    Set<String> ids = new LinkedHashSet<>(i.components().keySet());
    i.updates().forEach(u -> u.affected().forEach(c -> ids.add(c.componentId())));
    return ids;
  }

  private static Instant start(Incident i) {
    if (i.isMaintenance()) {
      return i.scheduledFor();
    }
    return i.startedAt() != null ? i.startedAt() : i.createdAt();
  }
}
