package io.glasshouse.rollup.status;

import static io.glasshouse.rollup.status.Fixtures.BILLING;
import static io.glasshouse.rollup.status.Fixtures.CHECKOUT;
import static io.glasshouse.rollup.status.Fixtures.SEARCH;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Maintenance and overrides on top of derived statuses; the page status from public components only. */
class BoardLayersTest {
  private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
  private static final List<ComponentDefinition> ALL = List.of(CHECKOUT, SEARCH, BILLING);
  private final StatusBoard board = new StatusBoard(StatusConfig.defaults(ALL));

  @Test
  void activeMaintenanceWinsOverAnOutage() {
    StatusSnapshot s = board.evaluate(ALL, Fixtures.checkoutBurning(50).withMaintenances(Set.of("checkout")),
        Map.of(), T0);
    ComponentState c = s.component("checkout").orElseThrow();
    assertThat(c.status()).isEqualTo(ComponentStatus.UNDER_MAINTENANCE);
    assertThat(c.reason().rule()).isEqualTo(StatusRule.MAINTENANCE);
    assertThat(c.derived()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    assertThat(c.firing()).extracting(StatusReason::rule).containsExactly(StatusRule.AVAILABILITY_BURN_1H_5M);
    assertThat(s.page().indicator()).isEqualTo(PageIndicator.NONE);
    assertThat(s.page().description()).isEqualTo("Service Under Maintenance");
    // maintenance over: the outage shows at once
    ComponentState after = board.evaluate(ALL, Fixtures.checkoutBurning(50), Map.of(), T0.plusSeconds(10))
        .component("checkout").orElseThrow();
    assertThat(after.status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
  }

  @Test
  void overrideWinsUntilItExpiresThenTheDerivedStatusShows() {
    StatusOverride o = new StatusOverride("search", ComponentStatus.PARTIAL_OUTAGE, "EU customers report errors",
        "alice", T0, T0.plus(Duration.ofMinutes(30)));
    StatusSnapshot during = board.evaluate(ALL, Fixtures.healthy(), Map.of("search", o), T0.plusSeconds(60));
    ComponentState c = during.component("search").orElseThrow();
    assertThat(c.status()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
    assertThat(c.reason().rule()).isEqualTo(StatusRule.OVERRIDE);
    assertThat(c.reason().override().by()).isEqualTo("alice");
    assertThat(c.override()).isEqualTo(o);
    assertThat(during.page().indicator()).isEqualTo(PageIndicator.MINOR);

    // an override also wins over maintenance
    assertThat(board.evaluate(ALL, Fixtures.healthy().withMaintenances(Set.of("search")), Map.of("search", o),
        T0.plusSeconds(70)).component("search").orElseThrow().status()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);

    StatusSnapshot after = board.evaluate(ALL, Fixtures.healthy(), Map.of("search", o), T0.plus(Duration.ofMinutes(30)));
    assertThat(after.component("search").orElseThrow().status()).isEqualTo(ComponentStatus.OPERATIONAL);
    assertThat(after.component("search").orElseThrow().override()).isNull();
  }

  @Test
  void privateComponentsDoNotMoveThePageIndicator() {
    StatusInputs billingDown = Fixtures.inputs(List.of(), List.of(Fixtures.live("billing-svc", 0)), Set.of());
    StatusSnapshot s = board.evaluate(ALL, billingDown, Map.of(), T0);
    assertThat(s.component("billing").orElseThrow().status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    assertThat(s.page()).isEqualTo(PageStatus.ALL_OPERATIONAL);
  }
}
