package io.glasshouse.bench.jmh;

import io.glasshouse.alerts.config.AlertsConfig;
import io.glasshouse.alerts.engine.AlertEngine;
import io.glasshouse.alerts.receiver.Receiver;
import io.glasshouse.alerts.receiver.RetryPolicy;
import io.glasshouse.alerts.route.Route;
import io.glasshouse.alerts.rule.BurnRateRule;
import io.glasshouse.alerts.rule.BurnRates;
import io.glasshouse.alerts.rule.Rule;
import io.glasshouse.alerts.rule.RuleSpec;
import io.glasshouse.alerts.store.MemoryAlertStore;
import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One alert-engine evaluation cycle over {@code rules} SLO burn-rate rules (two tiers, four window pairs each):
 * rule evaluation, lifecycle, the dispatcher's routing and grouping, on a Vert.x instance with an in-memory store
 * and no receivers. 1% of the SLOs burn (page and ticket firing, the ticket inhibited). Burn rates come from a
 * precomputed table, so the figure is the alert engine's own cost, not the SLO evaluation's. The clock advances
 * 10 s per cycle. Score: milliseconds per cycle; divided by 10 s it is the share of one core the schedule costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AlertEvaluationBenchmark {
  @Param({"10000"})
  int rules;

  Vertx vertx;
  AlertEngine engine;
  ManualClock clock;

  /** Burn rates by SLO index: 1 in 100 burns at 20× on every window, the rest at 0.5×. */
  static final class TableBurnRates implements BurnRates {
    @Override
    public double burnRate(String slo, Duration window, Instant at) {
      int i = Integer.parseInt(slo.substring(4));
      return i % 100 == 0 ? 20 : 0.5;
    }

    @Override
    public Optional<Budget> budget(String slo, Instant at) {
      return Optional.of(new Budget(0.999, Duration.ofDays(30), 0.25));
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    vertx = Vertx.vertx();
    clock = new ManualClock(Instant.parse("2026-03-02T10:00:00Z"));
    BurnRates rates = new TableBurnRates();
    List<Rule> list = new ArrayList<>();
    List<io.glasshouse.alerts.route.InhibitRule> inhibit = new ArrayList<>();
    for (int i = 0; i < rules; i++) {
      BurnRateRule r = new BurnRateRule(RuleSpec.named("SloBurn" + i), "slo-" + i, Duration.ofDays(30),
          List.of(BurnRateRule.page(), BurnRateRule.ticket()), rates);
      list.add(r);
      if (i == 0) {
        inhibit.addAll(r.inhibitions());
      }
    }
    AlertsConfig c = new AlertsConfig("", Duration.ofSeconds(10), Duration.ofMinutes(1), RetryPolicy.DEFAULT, list,
        Route.root("none", List.of("alertname", "slo")), inhibit, Map.of("none", new Receiver("none", List.of())),
        List.of());
    engine = AlertEngine.open(vertx, clock, c, new MemoryAlertStore(), new SimpleMeterRegistry()).await();
  }

  @Benchmark
  public int cycle() {
    clock.add(Duration.ofSeconds(10));
    engine.cycle().await();
    return engine.firing().size();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
    vertx.close().await();
  }
}
