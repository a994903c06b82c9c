package io.glasshouse.server;

import io.glasshouse.server.config.ConfigLimits;
import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.server.config.SloSettings;
import io.glasshouse.server.wiring.StaffWiring;
import io.glasshouse.server.wiring.StatusPageWiring;
import io.glasshouse.server.wiring.StatuspageApiWiring;
import io.glasshouse.statuspage.staff.StaffOptions;
import io.glasshouse.statuspage.web.Branding;
import java.time.Clock;

/**
 * Everything a start-up reads from the configuration, checked before anything starts: a bad key anywhere throws
 * {@link IllegalArgumentException} naming it, and nothing has opened yet.
 *
 * @param settings the sections of the modules (server, collector, rollup, demo, capacity, components, ...)
 * @param slo the {@code slo:} settings and the {@code slos:} definitions (demo SLOs come in through DemoDefaults)
 * @param limits most SLOs and components
 * @param statusApi the Statuspage-compatible API, with the one branding ({@code status-page:})
 * @param statusPage the public page, with the same branding, and its root redirect ({@code status-page:})
 * @param staff the staff view's sessions ({@code staff:})
 */
record StartPlan(Settings settings, SloSettings slo, ConfigLimits limits, StatuspageApiWiring statusApi,
    StatusPageWiring statusPage, StaffOptions staff) {

  static StartPlan of(GlasshouseConfig config, boolean demo, Clock clock) {
    Settings s = Settings.of(config, demo);
    SloSettings slo = SloSettings.fromConfig(config);
    // the status-page: section's branding is read once and shared by the public page and /api/v2
    Branding branding = Branding.fromJson(config.section(StatusPageWiring.SECTION));
    return new StartPlan(s, slo, ConfigLimits.of(config, slo), StatuspageApiWiring.configure(branding, clock),
        StatusPageWiring.fromConfig(config.section(StatusPageWiring.SECTION), branding), StaffWiring.options(config));
  }
}
