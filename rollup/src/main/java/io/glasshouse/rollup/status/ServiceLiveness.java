package io.glasshouse.rollup.status;

import java.util.Objects;

/**
 * A service's live instances as the status rules read them.
 *
 * @param service       the service name, as components list it in {@link ComponentDefinition#services()}
 * @param liveInstances instances that sent a current sample within the stale window
 * @param expected      whether the service should have live instances now; {@code false} (e.g. right after
 *                      Glasshouse starts, before instances had a chance to report) disables the liveness rule
 */
public record ServiceLiveness(String service, int liveInstances, boolean expected) {
  public ServiceLiveness {
    Objects.requireNonNull(service, "service");
  }
}
