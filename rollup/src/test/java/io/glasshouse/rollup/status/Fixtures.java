package io.glasshouse.rollup.status;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small builders for status tests. */
final class Fixtures {
  static final ComponentDefinition CHECKOUT = new ComponentDefinition("checkout", "Checkout", "", "APIs", 1, true,
      List.of("checkout-svc"), List.of("checkout-availability", "checkout-latency"));
  static final ComponentDefinition SEARCH = new ComponentDefinition("search", "Search", "", "APIs", 2, true,
      List.of("search-svc"), List.of("search-availability"));
  static final ComponentDefinition BILLING = new ComponentDefinition("billing", "Billing (internal)", "", "Internal",
      1, false, List.of("billing-svc"), List.of());

  private Fixtures() {
  }

  /** An SLO burning {@code rate} in every window. */
  static SloBurn burning(String name, SloCategory category, double rate) {
    Map<BurnWindow, Double> m = new EnumMap<>(BurnWindow.class);
    for (BurnWindow w : BurnWindow.values()) {
      m.put(w, rate);
    }
    return new SloBurn(name, category, m, 0.5);
  }

  /** An SLO with the given burn rates (window, rate, window, rate …); other windows undefined. */
  static SloBurn rates(String name, SloCategory category, Object... windowRate) {
    Map<BurnWindow, Double> m = new EnumMap<>(BurnWindow.class);
    for (int i = 0; i < windowRate.length; i += 2) {
      m.put((BurnWindow) windowRate[i], ((Number) windowRate[i + 1]).doubleValue());
    }
    return new SloBurn(name, category, m, 0.5);
  }

  static ServiceLiveness live(String service, int instances) {
    return new ServiceLiveness(service, instances, true);
  }

  static StatusInputs inputs(List<SloBurn> slos, List<ServiceLiveness> services, Set<String> maintenances) {
    return StatusInputs.of(slos, services, maintenances);
  }

  static StatusInputs healthy() {
    return inputs(List.of(burning("checkout-availability", SloCategory.AVAILABILITY, 0.5),
        burning("checkout-latency", SloCategory.LATENCY, 0.5),
        burning("search-availability", SloCategory.AVAILABILITY, 0.5)),
        List.of(live("checkout-svc", 3), live("search-svc", 2), live("billing-svc", 1)), Set.of());
  }

  /** Healthy, except checkout's availability SLO burning {@code rate} everywhere. */
  static StatusInputs checkoutBurning(double rate) {
    return inputs(List.of(burning("checkout-availability", SloCategory.AVAILABILITY, rate),
        burning("checkout-latency", SloCategory.LATENCY, 0.5),
        burning("search-availability", SloCategory.AVAILABILITY, 0.5)),
        List.of(live("checkout-svc", 3), live("search-svc", 2), live("billing-svc", 1)), Set.of());
  }
}
