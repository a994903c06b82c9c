package io.glasshouse.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.alerts.rule.AbsenceRule;
import io.glasshouse.alerts.rule.Candidate;
import io.glasshouse.alerts.rule.RuleSpec;
import io.glasshouse.alerts.rule.ThresholdRule;
import io.glasshouse.alerts.state.Alert;
import io.glasshouse.alerts.state.AlertState;
import io.glasshouse.alerts.state.Lifecycle;
import io.glasshouse.rollup.engine.RollupEngine;
import io.glasshouse.rollup.query.Aggregation;
import io.glasshouse.rollup.query.QueryService;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.time.ManualClock;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Threshold and absence rules over a real rollup engine's queries, with for and keep_firing_for. */
class ThresholdRuleTest {
  static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  @TempDir
  Path dir;
  ManualClock clock = new ManualClock(T0);
  RealRollup rollup;
  Vertx vertx;
  RollupEngine engine;

  @BeforeEach
  void setUp() {
    rollup = RealRollup.start(dir, clock);
    vertx = rollup.vertx;
    engine = rollup.engine;
  }

  @AfterEach
  void tearDown() {
    rollup.close();
  }

  void minute(int m, double queueDepth) {
    clock.set(T0.plus(Duration.ofMinutes(m)).plusSeconds(30));
    engine.accept(Protocol.REMOTE_WRITE, List.of(Sample.gauge("queue_depth",
        Labels.of("service", "checkout", "instance", "i-1"), clock.millis(), queueDepth)), true).await();
  }

  @Test
  void aThresholdHeldForFiveMinutesFiresAndKeepFiringForBridgesAShortDip() {
    ThresholdRule rule = new ThresholdRule(RuleSpec.named("QueueDeep").withFor(Duration.ofMinutes(5))
        .withKeepFiringFor(Duration.ofMinutes(3)), new QueryService(engine), "checkout", "queue_depth",
        Aggregation.parse("max", null, null), List.of(), List.of(), ThresholdRule.Op.GT, 100, Duration.ofMinutes(1));
    double[] depth = new double[40];
    for (int m = 0; m < depth.length; m++) {
      depth[m] = m >= 10 && m < 30 && m != 20 ? 500 : 20;
    }
    Map<String, Alert> state = new HashMap<>();
    Integer firing = null;
    Integer resolved = null;
    boolean firingThroughDip = true;
    for (int m = 0; m < depth.length; m++) {
      minute(m, depth[m]);
      Instant now = T0.plus(Duration.ofMinutes(m + 1)).plusSeconds(1);
      clock.set(now);
      List<Candidate> c = rule.evaluate(now).await();
      state = Lifecycle.step(rule.name(), rule.spec().forDuration(), rule.spec().keepFiringFor(), c, state, now, "");
      AlertState s = state.isEmpty() ? null : state.values().iterator().next().state();
      if (s == AlertState.FIRING && firing == null) {
        firing = m;
        assertThat(c.get(0).annotations().get("summary")).contains("max of queue_depth of checkout is 500 > 100");
      }
      if (m == 20 || m == 21) {
        firingThroughDip &= s == AlertState.FIRING;
      }
      if (s == AlertState.RESOLVED && resolved == null) {
        resolved = m;
      }
    }
    assertThat(firing).as("fires once the condition held for 5 minutes").isEqualTo(15);
    assertThat(firingThroughDip).as("keep_firing_for bridges the one-minute dip").isTrue();
    assertThat(resolved).as("resolves keep_firing_for after the condition ends").isEqualTo(32);
  }

  @Test
  void aServiceWithoutALiveInstanceIsAbsent() {
    minute(0, 1);
    AbsenceRule rule = new AbsenceRule(RuleSpec.named("NoInstances"), new QueryService(engine),
        List.of("checkout", "search"));
    List<Candidate> now = rule.evaluate(clock.instant()).await();
    assertThat(now).extracting(c -> c.labels().get("service")).containsExactly("search");
    clock.add(Duration.ofHours(1));
    List<Candidate> later = rule.evaluate(clock.instant()).await();
    assertThat(later).extracting(c -> c.labels().get("service")).containsExactlyInAnyOrder("checkout", "search");
  }
}
