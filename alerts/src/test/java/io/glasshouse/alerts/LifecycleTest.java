package io.glasshouse.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.alerts.rule.Candidate;
import io.glasshouse.alerts.rule.Template;
import io.glasshouse.alerts.state.Alert;
import io.glasshouse.alerts.state.AlertState;
import io.glasshouse.alerts.state.Fingerprint;
import io.glasshouse.alerts.state.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** inactive → pending → firing → resolved, with for and keep_firing_for; fingerprints; templates. */
class LifecycleTest {
  static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  static final Candidate HOT = Candidate.of(Map.of("alertname", "Hot", "service", "api"), Map.of(), 0.7);

  Map<String, Alert> state = new HashMap<>();

  AlertState step(int minute, boolean holds, Duration forD, Duration keep) {
    state = Lifecycle.step("Hot", forD, keep, holds ? List.of(HOT) : List.of(), state,
        T0.plus(Duration.ofMinutes(minute)), "");
    return state.isEmpty() ? null : state.values().iterator().next().state();
  }

  @Test
  void pendingForTheRulesForThenFiringThenResolved() {
    Duration five = Duration.ofMinutes(5);
    assertThat(step(0, true, five, Duration.ZERO)).isEqualTo(AlertState.PENDING);
    assertThat(step(4, true, five, Duration.ZERO)).isEqualTo(AlertState.PENDING);
    assertThat(step(5, true, five, Duration.ZERO)).isEqualTo(AlertState.FIRING);
    Alert firing = state.values().iterator().next();
    assertThat(firing.activeAt()).isEqualTo(T0);
    assertThat(firing.startsAt()).isEqualTo(T0.plus(five));
    assertThat(step(6, false, five, Duration.ZERO)).isEqualTo(AlertState.RESOLVED);
    assertThat(state.values().iterator().next().endsAt()).isEqualTo(T0.plus(Duration.ofMinutes(6)));
    assertThat(step(6 + 15, false, five, Duration.ZERO)).as("forgotten after the retention").isNull();
  }

  @Test
  void aPendingAlertWhoseConditionStopsGoesBackToInactiveWithoutFiring() {
    Duration five = Duration.ofMinutes(5);
    step(0, true, five, Duration.ZERO);
    assertThat(step(3, false, five, Duration.ZERO)).isNull();
    assertThat(step(4, true, five, Duration.ZERO)).as("a new episode starts pending").isEqualTo(AlertState.PENDING);
  }

  @Test
  void keepFiringForHoldsAFiringAlertThroughAShortGap() {
    Duration keep = Duration.ofMinutes(10);
    assertThat(step(0, true, Duration.ZERO, keep)).isEqualTo(AlertState.FIRING);
    assertThat(step(5, false, Duration.ZERO, keep)).isEqualTo(AlertState.FIRING);
    assertThat(step(9, false, Duration.ZERO, keep)).isEqualTo(AlertState.FIRING);
    assertThat(step(10, false, Duration.ZERO, keep)).isEqualTo(AlertState.RESOLVED);
  }

  @Test
  void theFingerprintIsAlertmanagersFnv1aOverSortedLabelsAndIgnoresInsertionOrder() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("service", "api");
    a.put("alertname", "Hot");
    Map<String, String> b = new LinkedHashMap<>();
    b.put("alertname", "Hot");
    b.put("service", "api");
    assertThat(Fingerprint.of(a)).isEqualTo(Fingerprint.of(b)).hasSize(16);
    assertThat(Fingerprint.of(Map.of())).as("FNV-1a 64 offset basis").isEqualTo("cbf29ce484222325");
    assertThat(Fingerprint.of(Map.of("a", "b"))).isNotEqualTo(Fingerprint.of(Map.of("ab", "")));
  }

  @Test
  void templatesRenderLabelsValueFiguresAndTheExternalUrl() {
    String out = Template.render("{{ $labels.service }} p99 {{ $value }}s, budget {{ $annotations.budget }}: "
        + "{{ externalURL }}/staff/services/{{ .Labels.service }} {{ unknown }}", Map.of("service", "api"),
        Map.of("budget", "12%"), 0.5234, "https://gh.example");
    assertThat(out).isEqualTo("api p99 0.5234s, budget 12%: https://gh.example/staff/services/api {{ unknown }}");
  }
}
