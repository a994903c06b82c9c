package io.glasshouse.statuspage.v2;

import io.glasshouse.statuspage.incident.Incident;
import io.glasshouse.statuspage.incident.IncidentLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A published-incident log in memory for tests: {@link #publish} replaces by id and tells the listeners. */
final class InMemoryIncidentLog implements IncidentLog {
  private final List<Incident> incidents = new CopyOnWriteArrayList<>();
  private final List<Consumer<Incident>> listeners = new CopyOnWriteArrayList<>();

  static InMemoryIncidentLog of(List<Incident> incidents) {
    InMemoryIncidentLog log = new InMemoryIncidentLog();
    log.incidents.addAll(incidents);
    return log;
  }

  void publish(Incident i) {
    incidents.removeIf(x -> x.id().equals(i.id()));
    incidents.add(i);
    listeners.forEach(l -> l.accept(i));
  }

  /** Replaces everything with {@code all}, telling the listeners once per incident. */
  void replaceAll(List<Incident> all) {
    incidents.clear();
    incidents.addAll(all);
    all.forEach(i -> listeners.forEach(l -> l.accept(i)));
    if (all.isEmpty()) {
      listeners.forEach(l -> l.accept(null));
    }
  }

  @Override
  public List<Incident> all() {
    List<Incident> out = new ArrayList<>(incidents);
    out.sort(Comparator.comparing(Incident::createdAt).reversed());
    return out;
  }

  @Override
  public Optional<Incident> find(String id) {
    return incidents.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  @Override
  public void onChange(Consumer<Incident> listener) {
    listeners.add(listener);
  }
}
