package io.glasshouse.server;

import io.glasshouse.alerts.config.AlertsSection;
import io.glasshouse.alerts.config.RuleSources;
import io.glasshouse.collector.CollectorConfig;
import io.glasshouse.collector.scrape.ScrapeSettings;
import io.glasshouse.rollup.access.Scope;
import io.glasshouse.rollup.capacity.CapacityConfig;
import io.glasshouse.rollup.engine.RollupConfig;
import io.glasshouse.rollup.instances.InstanceHealthConfig;
import io.glasshouse.rollup.query.QueryLimits;
import io.glasshouse.rollup.status.StatusConfig;
import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.server.config.ServerSettings;
import io.glasshouse.server.config.AccessSettings;
import io.glasshouse.demo.DemoConfig;
import io.glasshouse.statuspage.incident.IncidentsConfig;
import io.glasshouse.server.wiring.SubscriptionsWiring;

/** Validated settings of every module, read before anything starts. */
record Settings(ServerSettings server, CollectorConfig collector, RollupConfig rollup, DemoConfig demo,
    CapacityConfig capacity, QueryLimits queryLimits, AccessSettings.Access access, String demoStaffToken,
    StatusConfig status, ScrapeSettings scrape, io.vertx.core.json.JsonObject alerts,
    InstanceHealthConfig instances, IncidentsConfig incidents, io.vertx.core.json.JsonObject subscriptions) {
  static Settings of(GlasshouseConfig config, boolean demo) {
    // the one token ever logged: the one-off staff token --demo generates when none is configured
    String demoStaffToken = demo ? DemoHook.applyDefaults(config) : null;
    ServerSettings server = ServerSettings.fromJson(config.section("server"));
    CollectorConfig collector = CollectorConfig.fromJson(config.section("collector"));
    collector.validate();
    RollupConfig rollup = RollupConfig.fromJson(config.section("rollup"));
    AccessSettings.Access access = AccessSettings.of(config.section("server"), collector.ingestTokens(),
        server.staffTokens(), server.host(), demo);
    DemoConfig demoConfig = null;
    if (demo || config.has("demo")) {
      demoConfig = DemoConfig.fromJson(config.section("demo"));
      var ingest = access.tokens().tokens().stream().filter(t -> t.allows(Scope.INGEST)).findFirst();
      if (demoConfig.ingestToken() == null && ingest.isPresent()) {
        demoConfig = demoConfig.withIngestToken(ingest.get().secret());
      }
    }
    CapacityConfig capacity = config.has("capacity") ? CapacityConfig.fromJson(config.section("capacity"))
        : CapacityConfig.empty();
    // alerts (issue 11): checked here so a bad key stops start-up; built again with its sources once they run
    AlertsSection.fromJson(config.section("alerts"), new RuleSources(null, null, null));
    return new Settings(server, collector, rollup, demo ? demoConfig : null, capacity,
        QueryLimits.fromJson(config.section("rollup")), access, demoStaffToken,
        StatusConfig.fromJson(config.section("components")), ScrapeSettings.fromJson(config.section("scrape")),
        config.section("alerts"),
        InstanceHealthConfig.fromJson(config.section("rollup").getJsonObject(RollupConfig.INSTANCES_KEY)),
        IncidentsConfig.fromJson(config.section("incidents")), config.section(SubscriptionsWiring.SECTION));
  }
}
