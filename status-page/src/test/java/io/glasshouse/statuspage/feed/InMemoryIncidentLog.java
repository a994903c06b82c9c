package io.glasshouse.statuspage.feed;

import io.glasshouse.statuspage.incident.Incident;
import io.glasshouse.statuspage.incident.IncidentLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A small in-memory {@link IncidentLog} for tests: {@link #publish} adds or replaces and tells listeners. */
public final class InMemoryIncidentLog implements IncidentLog {
  private final Map<String, Incident> incidents = new ConcurrentHashMap<>();
  private final List<Consumer<Incident>> listeners = new CopyOnWriteArrayList<>();

  public void publish(Incident i) {
    incidents.put(i.id(), i);
    listeners.forEach(l -> l.accept(i));
  }

  @Override
  public List<Incident> all() {
    List<Incident> out = new ArrayList<>(incidents.values());
    out.sort(Comparator.comparing(Incident::createdAt).reversed());
    return out;
  }

  @Override
  public Optional<Incident> find(String id) {
    return Optional.ofNullable(incidents.get(id));
  }

  @Override
  public void onChange(Consumer<Incident> listener) {
    listeners.add(listener);
  }
}
