package io.glasshouse.alerts.receiver;

import java.util.List;
import java.util.Objects;

/** A named receiver with its integrations, as in Alertmanager's {@code receivers:}. Immutable. */
public record Receiver(String name, List<Integration> integrations) {
  public Receiver {
    Objects.requireNonNull(name, "name");
    integrations = List.copyOf(integrations);
  }

  @Override
  public String toString() {
    return "Receiver[" + name + ", " + integrations.stream().map(Integration::kind).toList() + "]";
  }
}
