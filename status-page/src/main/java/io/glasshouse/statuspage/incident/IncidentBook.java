package io.glasshouse.statuspage.incident;

import io.glasshouse.rollup.status.ComponentStatus;
import io.glasshouse.rollup.status.DeclaredStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The incidents, maintenance and drafts: every change checked ({@link IncidentLimits}), stored
 * ({@link IncidentStore}, on a worker thread) and only then shown; reads answer from an immutable in-memory view
 * and never block. Published changes reach {@link #onChange} listeners and then the {@link #onApply} step (the
 * component holds), before the change's future completes. Drafts stay out of the {@link IncidentLog} view.
 *
 * <p>Maintenance moves by itself: {@link #advance()} (called by {@link IncidentAutomation} every check) posts
 * {@code in_progress} at {@code scheduledFor} and {@code completed} at {@code scheduledUntil}, by the injected clock.
 */
public final class IncidentBook implements IncidentLog {
  /** Statuspage's text for a maintenance that started by itself. */
  public static final String STARTED = "Scheduled maintenance is currently in progress. We will provide updates as "
      + "necessary.";
  /** Statuspage's text for a maintenance that completed by itself. */
  public static final String COMPLETED = "The scheduled maintenance has been completed.";
  /** The text of a cancelled maintenance unless staff give one. */
  public static final String CANCELLED = "This scheduled maintenance has been cancelled.";
  private static final Comparator<Incident> NEWEST = Comparator.comparing(Incident::createdAt).reversed()
      .thenComparing(Incident::id);

  private final Vertx vertx;
  private final IncidentStore store;
  private final Clock clock;
  private final Ids ids = new Ids();
  private final Object lock = new Object();
  private final Map<String, IncidentEntry> entries = new HashMap<>();
  private final List<Consumer<Incident>> listeners = new CopyOnWriteArrayList<>();
  private volatile ComponentDirectory components = ComponentDirectory.none();
  private volatile Function<Incident, Future<Void>> apply = i -> Future.succeededFuture();
  private volatile View view = new View(List.of(), List.of(), Map.of());

  private record View(List<Incident> published, List<Incident> drafts, Map<String, IncidentEntry> byId) {
  }

  private IncidentBook(Vertx vertx, IncidentStore store, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.clock = clock;
  }

  /** Loads every stored entry (on a worker) and returns the book. */
  public static Future<IncidentBook> open(Vertx vertx, IncidentStore store, Clock clock) {
    IncidentBook b = new IncidentBook(vertx, store, clock);
    return vertx.executeBlocking(() -> {
      synchronized (b.lock) {
        store.load().forEach(e -> b.entries.put(e.id(), e));
        b.refresh();
      }
      return b;
    }, false);
  }

  /** The drafts' memory as stored ({@link IncidentStore#draftMemory()}); blocks: call off the event loops. */
  Map<String, ComponentStatus> draftMemory() {
    return store.draftMemory();
  }

  /** Stores the drafts' memory on a worker thread. */
  Future<Void> saveDraftMemory(Map<String, ComponentStatus> lastDerived) {
    Map<String, ComponentStatus> copy = Map.copyOf(lastDerived);
    return vertx.executeBlocking(() -> {
      store.saveDraftMemory(copy);
      return null;
    }, false);
  }

  Vertx vertx() {
    return vertx;
  }

  /** Sets the components changes are checked against (once the status evaluator runs). */
  public void components(ComponentDirectory directory) {
    this.components = directory;
  }

  /** The step every published change waits for before its future completes (the component holds). */
  public void onApply(Function<Incident, Future<Void>> step) {
    this.apply = step;
  }

  // --- reads (never block) ---

  @Override
  public List<Incident> all() {
    return view.published();
  }

  @Override
  public Optional<Incident> find(String id) {
    return Optional.ofNullable(view.byId().get(id)).filter(e -> !e.draft()).map(IncidentEntry::incident);
  }

  @Override
  public void onChange(Consumer<Incident> listener) {
    listeners.add(listener);
  }

  /** The drafts, newest first. */
  public List<Incident> drafts() {
    return view.drafts();
  }

  /** One entry, draft or published. */
  public Optional<IncidentEntry> entry(String id) {
    return Optional.ofNullable(view.byId().get(id));
  }

  /** True when a draft or an open incident (not maintenance) names the component. */
  public boolean covers(String componentId) {
    return view.byId().values().stream().map(IncidentEntry::incident)
        .anyMatch(i -> !i.isMaintenance() && i.isOpen() && i.components().containsKey(componentId));
  }

  // --- changes ---

  /** Opens an incident (published at once). */
  public Future<Incident> create(IncidentRequest r) {
    return change(() -> {
      Instant now = clock.instant();
      roomForOneMore();
      return new IncidentEntry(newIncident(r, now), false);
    });
  }

  /** Prepares a draft (not published) from the same fields as {@link #create}. */
  public Future<Incident> draft(IncidentRequest r) {
    return change(() -> {
      roomForOneMore();
      return new IncidentEntry(newIncident(r, clock.instant()), true);
    });
  }

  /** Publishes a draft, with the non-null fields of {@code edits} replacing the draft's; times become now. */
  public Future<Incident> publish(String id, IncidentRequest edits) {
    return change(() -> {
      IncidentEntry e = entries.get(id);
      if (e == null || !e.draft()) {
        throw IncidentRejected.unknown("draft", id);
      }
      Incident d = e.incident();
      IncidentUpdate first = d.updates().get(d.updates().size() - 1);
      IncidentRequest merged = new IncidentRequest(
          edits.name() != null ? edits.name() : d.name(),
          edits.impact() != null ? edits.impact() : d.impact(),
          edits.status() != null ? edits.status() : d.status(),
          edits.body() != null ? edits.body() : first.body(),
          edits.components() != null ? edits.components() : d.components(),
          edits.startedAt() != null ? edits.startedAt() : d.startedAt());
      Incident fresh = newIncident(merged, clock.instant());
      return new IncidentEntry(withId(fresh, id), false);
    });
  }

  /** Discards a draft; nothing is published. */
  public Future<Void> discard(String id) {
    return vertx.executeBlocking(() -> {
      synchronized (lock) {
        IncidentEntry e = entries.get(id);
        if (e == null || !e.draft()) {
          throw IncidentRejected.unknown("draft", id);
        }
        store.delete(id);
        entries.remove(id);
        refresh();
      }
      return null;
    }, false);
  }

  /** Posts an update to a published incident or maintenance. */
  public Future<Incident> update(String id, UpdateRequest r) {
    return change(() -> {
      Incident i = published(id);
      String body = IncidentLimits.body(r.body());
      if (i.updates().size() >= IncidentLimits.MAX_UPDATES) {
        throw IncidentRejected.conflict("Incident " + id + " has " + i.updates().size() + " updates, the most "
            + "allowed; open a new incident to go on.");
      }
      Instant now = clock.instant();
      if (i.isMaintenance()) {
        IncidentLimits.maintenanceStatus(r.status());
        if (!r.components().isEmpty()) {
          throw IncidentRejected.field("components", "Field 'components' is for incidents; a maintenance sets its "
              + "components under_maintenance while in progress (change them with PATCH /api/v1/maintenances/"
              + id + ").");
        }
        return new IncidentEntry(maintenanceStep(i, r.status(), body, now), false);
      }
      IncidentLimits.incidentStatus(r.status());
      IncidentLimits.incidentComponents(r.components(), components);
      Map<String, ComponentStatus> target = new LinkedHashMap<>(i.components());
      target.putAll(r.components());
      if (r.status().isClosed()) {
        i.components().keySet().forEach(c -> {
          if (!r.components().containsKey(c)) {
            target.put(c, ComponentStatus.OPERATIONAL);
          }
        });
      }
      return new IncidentEntry(step(i, r.status(), body, target, now, r.postedBy()), false);
    });
  }

  /** Schedules a maintenance; it starts and completes by itself at its times. */
  public Future<Incident> schedule(MaintenanceRequest r) {
    return change(() -> {
      Instant now = clock.instant();
      String name = IncidentLimits.name(r.name());
      String body = IncidentLimits.body(r.body());
      IncidentLimits.window(r.scheduledFor(), r.scheduledUntil(), now);
      List<String> ids = IncidentLimits.maintenanceComponents(r.components(), components);
      roomForOneMore();
      Map<String, ComponentStatus> held = new LinkedHashMap<>();
      ids.forEach(c -> held.put(c, ComponentStatus.OPERATIONAL));
      IncidentUpdate u = new IncidentUpdate(this.ids.next(), IncidentStatus.SCHEDULED, body, now, now, List.of());
      Incident m = new Incident(freshId(), name, IncidentStatus.SCHEDULED, Impact.MAINTENANCE, now, now, null,
          null, null, r.scheduledFor(), r.scheduledUntil(), held, List.of(u));
      return new IncidentEntry(due(m, now), false);
    });
  }

  /** Changes a maintenance that has not completed: null fields keep their value; a body posts an update. */
  public Future<Incident> reschedule(String id, MaintenanceRequest r) {
    return change(() -> {
      Incident m = published(id);
      if (!m.isMaintenance()) {
        throw IncidentRejected.conflict(id + " is an incident, not a maintenance; post an update instead.");
      }
      if (!m.isOpen()) {
        throw IncidentRejected.conflict("Maintenance " + id + " is " + m.status().wire() + "; it cannot change.");
      }
      Instant now = clock.instant();
      String name = r.name() == null ? m.name() : IncidentLimits.name(r.name());
      Instant from = r.scheduledFor() == null ? m.scheduledFor() : r.scheduledFor();
      Instant until = r.scheduledUntil() == null ? m.scheduledUntil() : r.scheduledUntil();
      IncidentLimits.window(from, until, now);
      Map<String, ComponentStatus> held = m.components();
      if (r.components() != null) {
        List<String> ids = IncidentLimits.maintenanceComponents(r.components(), components);
        ComponentStatus st = m.status() == IncidentStatus.SCHEDULED ? ComponentStatus.OPERATIONAL
            : ComponentStatus.UNDER_MAINTENANCE;
        held = new LinkedHashMap<>();
        for (String c : ids) {
          held.put(c, st);
        }
      }
      Incident changed = new Incident(m.id(), name, m.status(), m.impact(), m.createdAt(), now, m.monitoringAt(),
          m.resolvedAt(), m.startedAt(), from, until, held, m.updates());
      if (r.body() != null) {
        changed = step(changed, m.status(), IncidentLimits.body(r.body()), held, now);
      }
      return new IncidentEntry(due(changed, now), false);
    });
  }

  /** Cancels a maintenance that has not completed: {@code completed} now, with {@code body} or a standard text. */
  public Future<Incident> cancel(String id, String body) {
    return change(() -> {
      Incident m = published(id);
      if (!m.isMaintenance() || !m.isOpen()) {
        throw IncidentRejected.conflict(id + " is not a maintenance that is scheduled or in progress.");
      }
      return new IncidentEntry(maintenanceStep(m, IncidentStatus.COMPLETED,
          body == null ? CANCELLED : IncidentLimits.body(body), clock.instant()), false);
    });
  }

  /** Starts and completes every maintenance whose time has come; the changed ones. */
  public Future<List<Incident>> advance() {
    List<String> due;
    Instant now = clock.instant();
    synchronized (lock) {
      due = entries.values().stream().map(IncidentEntry::incident)
          .filter(i -> i.isMaintenance() && i.isOpen() && due(i, now) != i).map(Incident::id).toList();
    }
    Future<List<Incident>> all = Future.succeededFuture(new ArrayList<>());
    for (String id : due) {
      all = all.compose(list -> change(() -> {
        Incident m = entries.get(id).incident();
        return new IncidentEntry(due(m, clock.instant()), false);
      }).map(i -> {
        list.add(i);
        return list;
      }));
    }
    return all;
  }

  /** Components held by open incidents (not maintenance), the worst status each is held at, and by which. */
  public Map<String, DeclaredStatus> holds() {
    Map<String, DeclaredStatus> out = new HashMap<>();
    for (Incident i : view.published()) {
      if (i.isMaintenance() || !i.isOpen()) {
        continue;
      }
      i.components().forEach((c, st) -> {
        if (st == ComponentStatus.OPERATIONAL || st == ComponentStatus.UNDER_MAINTENANCE) {
          return;
        }
        DeclaredStatus h = out.get(c);
        if (h == null || st.worseThan(h.status())) {
          out.put(c, new DeclaredStatus(st, i.id()));
        }
      });
    }
    return out;
  }

  /** Components of maintenance in progress (or being verified). */
  public java.util.Set<String> underMaintenance() {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (Incident i : view.published()) {
      if (i.isMaintenance() && (i.status() == IncidentStatus.IN_PROGRESS || i.status() == IncidentStatus.VERIFYING)) {
        out.addAll(i.components().keySet());
      }
    }
    return out;
  }

  // --- internals ---

  private Incident newIncident(IncidentRequest r, Instant now) {
    String name = IncidentLimits.name(r.name());
    Impact impact = IncidentLimits.impact(r.impact());
    IncidentStatus status = IncidentLimits.incidentStatus(r.status());
    String body = IncidentLimits.body(r.body());
    Map<String, ComponentStatus> c = IncidentLimits.incidentComponents(
        r.components() == null ? Map.of() : r.components(), components);
    IncidentLimits.startedAt(r.startedAt(), now);
    List<ComponentChange> changes = new ArrayList<>();
    c.forEach((id, st) -> changes.add(new ComponentChange(id, components.status(id), st)));
    IncidentUpdate u = new IncidentUpdate(ids.next(), status, body, now, now, changes);
    return new Incident(freshId(), name, status, impact, now, now, status == IncidentStatus.MONITORING ? now : null,
        status.isClosed() ? now : null, r.startedAt(), null, null, c, List.of(u));
  }

  private static Incident withId(Incident i, String id) {
    return new Incident(id, i.name(), i.status(), i.impact(), i.createdAt(), i.updatedAt(), i.monitoringAt(),
        i.resolvedAt(), i.startedAt(), i.scheduledFor(), i.scheduledUntil(), i.components(), i.updates());
  }

  /** A new update moving {@code i} to {@code status}, setting its components to {@code target}. */
  private Incident step(Incident i, IncidentStatus status, String body, Map<String, ComponentStatus> target,
      Instant now) {
    return step(i, status, body, target, now, IncidentUpdate.STAFF);
  }

  /** As above, posted by {@code postedBy}. */
  private Incident step(Incident i, IncidentStatus status, String body, Map<String, ComponentStatus> target,
      Instant now, String postedBy) {
    List<ComponentChange> changes = new ArrayList<>();
    target.forEach((c, st) -> {
      ComponentStatus old = i.components().containsKey(c) ? i.components().get(c) : components.status(c);
      if (old != st) {
        changes.add(new ComponentChange(c, old, st));
      }
    });
    List<IncidentUpdate> updates = new ArrayList<>();
    updates.add(new IncidentUpdate(ids.next(), status, body, now, now, changes, postedBy));
    updates.addAll(i.updates());
    Instant monitoring = i.monitoringAt() == null && status == IncidentStatus.MONITORING ? now : i.monitoringAt();
    Instant resolved = i.resolvedAt() == null && status.isClosed() ? now : i.resolvedAt();
    return new Incident(i.id(), i.name(), status, i.impact(), i.createdAt(), now, monitoring, resolved, i.startedAt(),
        i.scheduledFor(), i.scheduledUntil(), target, updates);
  }

  /** A maintenance moved to {@code status}: its components under maintenance while in progress or verifying. */
  private Incident maintenanceStep(Incident m, IncidentStatus status, String body, Instant now) {
    ComponentStatus st = status == IncidentStatus.IN_PROGRESS || status == IncidentStatus.VERIFYING
        ? ComponentStatus.UNDER_MAINTENANCE : ComponentStatus.OPERATIONAL;
    Map<String, ComponentStatus> target = new LinkedHashMap<>();
    m.components().keySet().forEach(c -> target.put(c, st));
    return step(m, status, body, target, now);
  }

  /** The maintenance with the automatic updates that are due at {@code now}; {@code m} itself when none is. */
  private Incident due(Incident m, Instant now) {
    Incident out = m;
    if (out.status() == IncidentStatus.SCHEDULED && !now.isBefore(out.scheduledFor())) {
      out = maintenanceStep(out, IncidentStatus.IN_PROGRESS, STARTED, now);
    }
    if ((out.status() == IncidentStatus.IN_PROGRESS || out.status() == IncidentStatus.VERIFYING)
        && !now.isBefore(out.scheduledUntil())) {
      out = maintenanceStep(out, IncidentStatus.COMPLETED, COMPLETED, now);
    }
    return out;
  }

  private Incident published(String id) {
    IncidentEntry e = entries.get(id);
    if (e == null) {
      throw IncidentRejected.unknown("incident or maintenance", id);
    }
    if (e.draft()) {
      throw IncidentRejected.conflict(id + " is a draft; publish it first (POST /api/v1/incidents/drafts/" + id
          + "/publish).");
    }
    return e.incident();
  }

  private void roomForOneMore() {
    long open = entries.values().stream().filter(e -> e.draft() || e.incident().isOpen()).count();
    if (open >= IncidentLimits.MAX_OPEN) {
      throw IncidentRejected.conflict(open + " drafts, open incidents and maintenance exist, the most allowed; "
          + "resolve, complete or discard some first.");
    }
  }

  private String freshId() {
    String id;
    do {
      id = ids.next();
    } while (entries.containsKey(id));
    return id;
  }

  /** Computes an entry under the lock, stores it, shows it, then tells listeners and the apply step. */
  private Future<Incident> change(Callable<IncidentEntry> op) {
    return vertx.executeBlocking(() -> {
      synchronized (lock) {
        IncidentEntry e = op.call();
        store.save(e);
        entries.put(e.id(), e);
        refresh();
        return e;
      }
    }, false).compose(e -> {
      if (e.draft()) {
        return Future.succeededFuture(e.incident());
      }
      listeners.forEach(l -> l.accept(e.incident()));
      return apply.apply(e.incident()).map(e.incident());
    });
  }

  private void refresh() {
    List<Incident> pub = new ArrayList<>();
    List<Incident> drafts = new ArrayList<>();
    entries.values().forEach(e -> (e.draft() ? drafts : pub).add(e.incident()));
    pub.sort(NEWEST);
    drafts.sort(NEWEST);
    view = new View(List.copyOf(pub), List.copyOf(drafts), Map.copyOf(entries));
  }
}
