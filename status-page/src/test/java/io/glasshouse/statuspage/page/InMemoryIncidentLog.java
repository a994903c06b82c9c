package io.glasshouse.statuspage.page;

import io.glasshouse.statuspage.incident.Incident;
import io.glasshouse.statuspage.incident.IncidentLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A small IncidentLog for tests: incidents kept in memory, listeners called on every put. */
final class InMemoryIncidentLog implements IncidentLog {
  private final Map<String, Incident> incidents = new LinkedHashMap<>();
  private final List<Consumer<Incident>> listeners = new CopyOnWriteArrayList<>();

  @Override
  public synchronized List<Incident> all() {
    List<Incident> out = new ArrayList<>(incidents.values());
    out.sort(Comparator.comparing(Incident::createdAt).reversed());
    return out;
  }

  @Override
  public synchronized Optional<Incident> find(String id) {
    return Optional.ofNullable(incidents.get(id));
  }

  @Override
  public void onChange(Consumer<Incident> listener) {
    listeners.add(listener);
  }

  /** Publishes (or replaces) one incident and tells the listeners. */
  void put(Incident i) {
    synchronized (this) {
      incidents.put(i.id(), i);
    }
    listeners.forEach(l -> l.accept(i));
  }

  synchronized void clear() {
    incidents.clear();
  }
}
