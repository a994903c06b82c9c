package io.glasshouse.server.wiring;

import io.glasshouse.alerts.engine.AlertEngine;
import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.capacity.CapacityPlanner;
import io.glasshouse.rollup.series.RollupReader;
import io.glasshouse.rollup.slo.SloReports;
import io.glasshouse.rollup.status.StatusEvaluator;
import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.statuspage.staff.StaffOptions;
import io.glasshouse.statuspage.staff.StaffRoutes;
import io.glasshouse.statuspage.staff.StaffSources;
import java.time.Clock;

/**
 * Wires the staff view ({@code /staff…}, issue 10) into the server: reads the {@code staff} config section and
 * builds the one {@link StaffRoutes} (it holds the sessions) that every HTTP verticle mounts.
 */
public final class StaffWiring {
  /** The config section. */
  public static final String SECTION = "staff";

  private StaffWiring() {
  }

  /** The {@code staff} section's settings; throws naming the key when one is bad (stops start-up). */
  public static StaffOptions options(GlasshouseConfig config) {
    return StaffOptions.fromJson(config.has(SECTION) ? config.section(SECTION) : null);
  }

  /**
   * The staff view over the server's parts; {@code status} and {@code alerts} may be null. The capacity report is
   * linked only when capacity indicators are configured.
   */
  public static StaffRoutes routes(StaffOptions options, RollupReader reader, StatusEvaluator status,
      SloReports slos, AlertEngine alerts, CapacityPlanner planner, AccessTokens access, Clock clock) {
    CapacityPlanner capacity = planner == null || planner.config().indicators().isEmpty() ? null : planner;
    return new StaffRoutes(new StaffSources(reader, status == null ? null : status::latest, slos, alerts, capacity,
        clock), access, options);
  }
}
