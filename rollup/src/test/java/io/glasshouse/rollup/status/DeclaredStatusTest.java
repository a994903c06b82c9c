package io.glasshouse.rollup.status;

import static io.glasshouse.rollup.status.Fixtures.BILLING;
import static io.glasshouse.rollup.status.Fixtures.CHECKOUT;
import static io.glasshouse.rollup.status.Fixtures.SEARCH;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A status an open incident declares is an input: the worse of declared and derived shows; overrides still win. */
class DeclaredStatusTest {
  private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
  private static final List<ComponentDefinition> ALL = List.of(CHECKOUT, SEARCH, BILLING);
  private static final Map<String, DeclaredStatus> DEGRADED =
      Map.of("checkout", new DeclaredStatus(ComponentStatus.DEGRADED_PERFORMANCE, "inc1"));
  private final StatusBoard board = new StatusBoard(StatusConfig.defaults(ALL));

  @Test
  void aWorseDerivedStatusShowsThroughAMilderIncident() {
    ComponentState c = board.evaluate(ALL, Fixtures.checkoutBurning(50).withDeclared(DEGRADED), Map.of(), T0)
        .component("checkout").orElseThrow();
    assertThat(c.status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    assertThat(c.reason().rule()).isEqualTo(StatusRule.AVAILABILITY_BURN_1H_5M);
  }

  @Test
  void aDeclaredStatusWorseThanTheDerivedOneShowsUntilTheIncidentGoes() {
    ComponentState during = board.evaluate(ALL, Fixtures.healthy().withDeclared(DEGRADED), Map.of(), T0)
        .component("checkout").orElseThrow();
    assertThat(during.status()).isEqualTo(ComponentStatus.DEGRADED_PERFORMANCE);
    assertThat(during.reason().rule()).isEqualTo(StatusRule.INCIDENT);
    assertThat(during.reason().incident()).isEqualTo("inc1");
    assertThat(during.reason().summary()).isEqualTo("incident inc1 declares degraded_performance");
    assertThat(during.derived()).isEqualTo(ComponentStatus.OPERATIONAL);
    assertThat(during.override()).isNull();

    ComponentState after = board.evaluate(ALL, Fixtures.healthy(), Map.of(), T0.plusSeconds(10))
        .component("checkout").orElseThrow();
    assertThat(after.status()).isEqualTo(ComponentStatus.OPERATIONAL);
    assertThat(after.reason().rule()).isEqualTo(StatusRule.ALL_CLEAR);
  }

  @Test
  void aStaffOverrideWinsOverADeclaredStatus() {
    StatusOverride o = new StatusOverride("checkout", ComponentStatus.OPERATIONAL, "false alarm", "alice", T0,
        T0.plus(Duration.ofMinutes(30)));
    ComponentState c = board.evaluate(ALL, Fixtures.healthy().withDeclared(DEGRADED), Map.of("checkout", o),
        T0.plusSeconds(10)).component("checkout").orElseThrow();
    assertThat(c.status()).isEqualTo(ComponentStatus.OPERATIONAL);
    assertThat(c.reason().rule()).isEqualTo(StatusRule.OVERRIDE);
  }
}
