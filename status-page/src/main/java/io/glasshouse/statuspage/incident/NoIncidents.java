package io.glasshouse.statuspage.incident;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link IncidentLog#none()}: nothing published, no changes. */
enum NoIncidents implements IncidentLog {
  INSTANCE;

  @Override
  public List<Incident> all() {
    return List.of();
  }

  @Override
  public Optional<Incident> find(String id) {
    return Optional.empty();
  }

  @Override
  public void onChange(Consumer<Incident> listener) {
    // nothing ever changes
  }
}
