package io.glasshouse.server;

import io.glasshouse.alerts.config.AlertRuleKind;
import io.glasshouse.alerts.config.AlertsConfig;
import io.glasshouse.alerts.config.AlertsSection;
import io.glasshouse.alerts.config.RuleSources;
import io.glasshouse.alerts.engine.AlertEngine;
import io.glasshouse.alerts.rule.BurnRates;
import io.glasshouse.alerts.rule.CapacityForecasts;
import io.glasshouse.rollup.capacity.CapacityResult;
import io.glasshouse.rollup.config.ConfigRegistry;
import io.glasshouse.rollup.engine.RollupEngine;
import io.glasshouse.rollup.query.QueryService;
import io.glasshouse.rollup.slo.SloReports;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The alerts' server glue (issue 11): the {@code alert-rule} config kind (the file's {@code alerts.rules} as its
 * read-only objects), the sources rules read (queries and instance health at once; SLO burn rates and capacity
 * forecasts once those parts run, see {@link #connect}), the engine's configuration, and the engine following
 * the kind so that rules created, replaced or deleted through {@code /api/v1/config/alert-rule} apply at once.
 */
final class AlertsWiring {
  private final JsonObject section;
  private final AtomicReference<BurnRates> burnRates = new AtomicReference<>();
  private final AtomicReference<CapacityForecasts> capacity = new AtomicReference<>();
  private RuleSources sources;
  private AlertRuleKind kind;

  AlertsWiring(JsonObject section) {
    this.section = section;
  }

  /** Registers the kind with the file's rules; call in the config objects' registration step. */
  void register(ConfigRegistry registry, RollupEngine engine, Vertx vertx) {
    sources = new RuleSources(new QueryService(engine, vertx), new LateBurnRates(burnRates::get),
        () -> capacity.get() == null ? Optional.<CapacityResult>empty() : capacity.get().latest(),
        engine::instanceHealth);
    kind = new AlertRuleKind(sources);
    registry.register(kind, kind.fromSection(section));
  }

  /** Connects the SLO evaluation and the capacity planner once they exist. */
  void connect(SloReports slos, Duration sloRefresh, CapacityForecasts forecasts) {
    burnRates.set(new SloBurnRates(slos, sloRefresh));
    capacity.set(forecasts);
  }

  /** The engine's configuration: the file's section with the same sources as the kind. */
  AlertsConfig config() {
    return AlertsSection.fromJson(section, sources);
  }

  /** From now on the engine evaluates the kind's live rules (file and API), each change at once. */
  void follow(ConfigRegistry registry, AlertEngine engine) {
    registry.subscribe(kind, defs -> engine.replaceRules(AlertRuleKind.rules(defs)));
  }

  /** Burn rates that exist once the SLO evaluation runs; until then rules say it is not connected yet. */
  private record LateBurnRates(Supplier<BurnRates> target) implements BurnRates {
    private BurnRates get() {
      BurnRates b = target.get();
      if (b == null) {
        throw new IllegalStateException("the SLO evaluation has not started yet");
      }
      return b;
    }

    @Override
    public double burnRate(String slo, Duration window, Instant at) {
      return get().burnRate(slo, window, at);
    }

    @Override
    public Optional<Budget> budget(String slo, Instant at) {
      return get().budget(slo, at);
    }

    @Override
    public Optional<SloFacts> facts(String slo, Instant at) {
      return get().facts(slo, at);
    }
  }
}
