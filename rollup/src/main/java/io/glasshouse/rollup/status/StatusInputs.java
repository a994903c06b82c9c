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
 */
public record StatusInputs(Map<String, SloBurn> slos, Map<String, ServiceLiveness> services,
    Set<String> maintenances) {
  public StatusInputs {
    slos = Map.copyOf(slos == null ? Map.of() : slos);
    services = Map.copyOf(services == null ? Map.of() : services);
    maintenances = Set.copyOf(maintenances == null ? Set.of() : maintenances);
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
    return new StatusInputs(slos, services, ids);
  }
}
