package io.glasshouse.statuspage.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.status.BurnWindow;
import io.glasshouse.rollup.status.ComponentDefinition;
import io.glasshouse.rollup.status.ComponentState;
import io.glasshouse.rollup.status.ServiceLiveness;
import io.glasshouse.rollup.status.SloBurn;
import io.glasshouse.rollup.status.SloCategory;
import io.glasshouse.rollup.status.StatusBoard;
import io.glasshouse.rollup.status.StatusConfig;
import io.glasshouse.rollup.status.StatusInputs;
import io.glasshouse.rollup.status.ComponentStatus;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A draft's name, impact, component, start and body come from the snapshot's reason and its figures. */
class DraftWriterTest {
  private static final ComponentDefinition SEARCH = new ComponentDefinition("search", "Search", "", "APIs", 1, true,
      List.of("search"), List.of("search-availability"));
  private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");

  @Test
  void theDraftNamesTheSloItsBurnRatesBudgetRemainingAndSinceWhen() {
    Map<BurnWindow, Double> rates = new EnumMap<>(BurnWindow.class);
    for (BurnWindow w : BurnWindow.values()) {
      rates.put(w, 20.0);
    }
    StatusInputs in = new StatusInputs(Map.of("search-availability",
        new SloBurn("search-availability", SloCategory.AVAILABILITY, rates, 0.25)),
        Map.of("search", new ServiceLiveness("search", 2, true)), Set.of());
    StatusBoard board = new StatusBoard(StatusConfig.defaults(List.of(SEARCH)));
    board.evaluate(List.of(SEARCH), in, Map.of(), T0);
    ComponentState c = board.evaluate(List.of(SEARCH), in, Map.of(), T0.plusSeconds(10)).components().get(0);

    IncidentRequest r = DraftWriter.request(c);

    assertThat(r.name()).isEqualTo("Search: major outage");
    assertThat(r.impact()).isEqualTo(Impact.CRITICAL);
    assertThat(r.status()).isEqualTo(IncidentStatus.INVESTIGATING);
    assertThat(r.components()).isEqualTo(Map.of("search", ComponentStatus.MAJOR_OUTAGE));
    assertThat(r.startedAt()).isEqualTo(T0);
    assertThat(r.body())
        .contains("SLO search-availability burning its error budget 20.0x over 1h and 20.0x over 5m (threshold 14.4)")
        .contains("error budget remaining 25.0%")
        .contains("since 2026-05-01T12:00:00Z");
  }
}
