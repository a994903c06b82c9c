package io.glasshouse.demo;

import java.time.Instant;
import java.util.List;

/**
 * An immutable snapshot of the demo fleet.
 *
 * @param at when the snapshot was taken, by the fleet's clock
 * @param services the simulated services, in configuration order
 * @param instances every instance alive, in order of birth
 * @param replacements instances that died and were replaced by a new id so far (churn, canaries, rollbacks)
 * @param restarts instances that restarted under the same id so far (their counters start again from zero)
 * @param incidents incidents in progress
 */
public record DemoStatus(
    Instant at,
    List<String> services,
    List<Instance> instances,
    long replacements,
    long restarts,
    List<Incident> incidents) {

  public DemoStatus {
    services = List.copyOf(services);
    instances = List.copyOf(instances);
    incidents = List.copyOf(incidents);
  }

  /** Ids ({@code service.instance.id}) of every instance alive. */
  public List<String> instanceIds() {
    return instances.stream().map(Instance::id).toList();
  }

  /** Ids of the instances of one service alive. */
  public List<String> instanceIds(String service) {
    return instances.stream().filter(i -> i.service().equals(service)).map(Instance::id).toList();
  }

  /**
   * One simulated instance, as its resource attributes describe it.
   *
   * @param service {@code service.name}
   * @param id {@code service.instance.id}, for example {@code checkout-7f3a}
   * @param version {@code version}
   * @param region {@code region}
   * @param startedAt when this registry was started (a restart gives a new start under the same id)
   */
  public record Instance(String service, String id, String version, String region, Instant startedAt) {
  }

  /** What kind of trouble the fleet is simulating. */
  public enum IncidentKind {
    /** The service's 5xx rate jumps (to 10–30 %) on every instance, and some errors are slow 503s. */
    ERROR_BURST,
    /** A new version is rolled out to part of the service and is about three times slower; rolled back at the end. */
    LATENCY_REGRESSION,
    /** One instance alone fails 15 % of its requests or is four times slower; its peers flag it as an outlier. */
    MISBEHAVING_INSTANCE
  }

  /**
   * An incident in progress.
   *
   * @param kind what is going wrong
   * @param service the service affected
   * @param version the version at fault (the canary's version for a regression, the running one otherwise)
   * @param startedAt start, by the fleet's clock
   * @param endsAt planned end, by the fleet's clock
   * @param instance the instance at fault for {@link IncidentKind#MISBEHAVING_INSTANCE}; null otherwise
   * @param detail what it does, such as {@code 23% 5xx} or {@code 4x slower}
   */
  public record Incident(IncidentKind kind, String service, String version, Instant startedAt, Instant endsAt,
      String instance, String detail) {

    /** A service-wide incident. */
    public Incident(IncidentKind kind, String service, String version, Instant startedAt, Instant endsAt) {
      this(kind, service, version, startedAt, endsAt, null, null);
    }
  }
}
