package io.glasshouse.statuspage.staff;

import io.glasshouse.alerts.engine.AlertEngine;
import io.glasshouse.rollup.capacity.CapacityPlanner;
import io.glasshouse.rollup.series.RollupReader;
import io.glasshouse.rollup.slo.SloReports;
import io.glasshouse.rollup.status.StatusSnapshot;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where the staff view reads its figures. Every source but the reader is optional (null): a server without
 * components, SLOs, alerting or capacity indicators shows that section as "not configured". The staff view only
 * reads published snapshots; it computes nothing.
 *
 * @param reader services, instances and their health
 * @param status the latest component status snapshot (e.g. {@code StatusEvaluator::latest}), or null
 * @param slos the SLO reports, or null
 * @param alerts the alert engine, or null
 * @param capacity the capacity planner behind {@code /staff/capacity}, or null
 * @param clock "now" for ages and session expiry
 */
public record StaffSources(RollupReader reader, Supplier<StatusSnapshot> status, SloReports slos, AlertEngine alerts,
    CapacityPlanner capacity, Clock clock) {
  public StaffSources {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(clock, "clock");
  }
}
