package io.glasshouse.statuspage.incident;

import io.glasshouse.rollup.status.ComponentState;
import io.glasshouse.rollup.status.ComponentStatus;
import io.glasshouse.rollup.status.StatusReason;
import io.glasshouse.rollup.status.StatusSnapshot;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prepares a draft incident when a component's derived status leaves {@code operational}: named after the component
 * and status, impact by status (degraded → minor, partial → major, major outage → critical), the component set to
 * the derived status, started when the worst firing rule began, and a body listing every firing rule with its
 * figures (SLO, burn rates over both windows and threshold, budget remaining, since when). One draft per departure:
 * none while a draft or an open incident already names the component, and none again until the derived status has
 * been operational in between. Published at once only when {@code incidents.auto-publish} is true. What it last saw
 * of each component is stored ({@link IncidentStore#draftMemory()}), so a restart does not draft again for a
 * departure it already drafted (even one staff discarded).
 */
public final class DraftWriter {
  private final IncidentBook book;
  private final boolean autoPublish;
  private final Map<String, ComponentStatus> lastDerived = new HashMap<>();
  private boolean loaded;

  public DraftWriter(IncidentBook book, boolean autoPublish) {
    this.book = book;
    this.autoPublish = autoPublish;
  }

  /** Looks at one snapshot; the drafts (or, with auto-publish, incidents) it prepared. Not thread-safe. */
  public Future<List<Incident>> check(StatusSnapshot s) {
    if (!loaded) {
      return book.vertx().executeBlocking(book::draftMemory, false).compose(stored -> {
        stored.forEach(lastDerived::putIfAbsent);
        loaded = true;
        return check(s);
      });
    }
    Map<String, ComponentStatus> before0 = Map.copyOf(lastDerived);
    Future<List<Incident>> out = Future.succeededFuture(new ArrayList<>());
    for (ComponentState c : s.components()) {
      ComponentStatus derived = c.derived();
      ComponentStatus before = lastDerived.put(c.id(), derived);
      boolean left = derived != ComponentStatus.OPERATIONAL && derived != ComponentStatus.UNDER_MAINTENANCE
          && (before == null || before == ComponentStatus.OPERATIONAL) && !c.firing().isEmpty();
      if (!left || book.covers(c.id())) {
        continue;
      }
      IncidentRequest r = request(c);
      out = out.compose(list -> (autoPublish ? book.create(r) : book.draft(r)).map(i -> {
        list.add(i);
        return list;
      }));
    }
    if (lastDerived.equals(before0)) {
      return out;
    }
    Map<String, ComponentStatus> seen = Map.copyOf(lastDerived);
    return out.compose(list -> book.saveDraftMemory(seen).map(list));
  }

  static IncidentRequest request(ComponentState c) {
    ComponentStatus st = c.derived();
    StatusReason top = c.firing().get(0);
    StringBuilder body = new StringBuilder();
    body.append("Glasshouse derived **").append(words(st)).append("** for ").append(c.component().name())
        .append(" since ").append(top.since()).append(".\n\n");
    for (StatusReason r : c.firing()) {
      body.append("- ").append(r.summary());
      if (r.budgetRemaining() != null) {
        body.append(String.format(Locale.ROOT, "; error budget remaining %.1f%%", 100 * r.budgetRemaining()));
      }
      if (r.since() != null) {
        body.append("; since ").append(r.since());
      }
      body.append('\n');
    }
    body.append("\nWe are investigating.");
    Impact impact = switch (st) {
      case MAJOR_OUTAGE -> Impact.CRITICAL;
      case PARTIAL_OUTAGE -> Impact.MAJOR;
      default -> Impact.MINOR;
    };
    String name = c.component().name() + ": " + words(st);
    return new IncidentRequest(name.length() > IncidentLimits.MAX_NAME ? name.substring(0, IncidentLimits.MAX_NAME)
        : name, impact, IncidentStatus.INVESTIGATING, body.toString(), Map.of(c.id(), st), top.since());
  }

  private static String words(ComponentStatus s) {
    return s.apiName().replace('_', ' ');
  }
}
