package io.glasshouse.server;

import io.glasshouse.rollup.series.RollupReader;
import io.glasshouse.rollup.series.ServiceSummary;
import io.glasshouse.rollup.status.ComponentDefinition;
import io.glasshouse.rollup.status.ServiceLiveness;
import io.glasshouse.rollup.status.StatusInputSource;
import io.glasshouse.rollup.status.StatusInputs;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Status inputs while no SLO reports exist yet: each service a component lists, with its live instance count from
 * the engine's instance registry (what {@code /api/v1/services} shows; a service never seen has none). A service
 * is expected to have live instances once Glasshouse has run for {@code components.liveness-grace} (instances
 * need a moment to report after a restart). No SLOs and no maintenances yet: those come with the SLO and
 * maintenance work.
 */
final class LivenessInputs implements StatusInputSource {
  private final RollupReader reader;
  private final Supplier<List<ComponentDefinition>> components;
  private final Clock clock;
  private final Instant expectedFrom;

  LivenessInputs(RollupReader reader, Supplier<List<ComponentDefinition>> components, Clock clock, Duration grace) {
    this.reader = reader;
    this.components = components;
    this.clock = clock;
    this.expectedFrom = clock.instant().plus(grace);
  }

  @Override
  public Future<StatusInputs> inputs() {
    return reader.services().map(known -> {
      Map<String, Integer> live = new HashMap<>();
      for (ServiceSummary s : known) {
        live.put(s.service(), s.liveInstances());
      }
      boolean expected = !clock.instant().isBefore(expectedFrom);
      Map<String, ServiceLiveness> services = new LinkedHashMap<>();
      for (ComponentDefinition c : components.get()) {
        for (String service : c.services()) {
          services.put(service, new ServiceLiveness(service, live.getOrDefault(service, 0), expected));
        }
      }
      return new StatusInputs(Map.of(), services, Set.of());
    });
  }
}
