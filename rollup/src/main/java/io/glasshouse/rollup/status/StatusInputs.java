package io.glasshouse.rollup.status;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one status evaluation reads besides the components themselves: plain, immutable figures, so any
 * source (SLO reports, the instance registry, the maintenance schedule) can feed it.
 *
 * @param slos         by SLO name
 * @param services     by service name; a service a component lists but absent here is not judged by liveness
 * @param maintenances ids of components with an active maintenance
 * @param declared     statuses open incidents declare, by component id ({@link DeclaredStatus})
 */
public record StatusInputs(Map<String, SloBurn> slos, Map<String, ServiceLiveness> services,
    Set<String> maintenances, Map<String, DeclaredStatus> declared) {
  public StatusInputs {
    slos = Map.copyOf(slos == null ? Map.of() : slos);
    services = Map.copyOf(services == null ? Map.of() : services);
    maintenances = Set.copyOf(maintenances == null ? Set.of() : maintenances);
    declared = Map.copyOf(declared == null ? Map.of() : declared);
  }

  /** Inputs without declared statuses. */
  public StatusInputs(Map<String, SloBurn> slos, Map<String, ServiceLiveness> services, Set<String> maintenances) {
    this(slos, services, maintenances, Map.of());
  }

  /** No SLOs, no services, no maintenance. */
  public static StatusInputs empty() {
    return new StatusInputs(Map.of(), Map.of(), Set.of());
  }

  /** Inputs keyed by the names the records carry. */
  public static StatusInputs of(Collection<SloBurn> slos, Collection<ServiceLiveness> services,
      Set<String> maintenances) {
    Map<String, SloBurn> s = new LinkedHashMap<>();
    slos.forEach(b -> s.put(b.name(), b));
    Map<String, ServiceLiveness> l = new LinkedHashMap<>();
    services.forEach(x -> l.put(x.service(), x));
    return new StatusInputs(s, l, maintenances);
  }

  public Optional<SloBurn> slo(String name) {
    return Optional.ofNullable(slos.get(name));
  }

  public Optional<ServiceLiveness> service(String name) {
    return Optional.ofNullable(services.get(name));
  }

  /** The same figures with {@code maintenances} replaced. */
  public StatusInputs withMaintenances(Set<String> ids) {
    return new StatusInputs(slos, services, ids, declared);
  }

  /** The same figures with the declared statuses replaced. */
  public StatusInputs withDeclared(Map<String, DeclaredStatus> byComponent) {
    return new StatusInputs(slos, services, maintenances, byComponent);
  }
}
