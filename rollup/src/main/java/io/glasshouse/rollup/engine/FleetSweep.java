package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.sample.Labels;
import java.util.Iterator;
import java.util.Map;

/**
 * Makes the engine's memory follow the live fleet; run by the writer after a checkpoint committed (so nothing
 * it forgets is still waiting for the store). Arrival times are the engine's clock, never sample timestamps, so
 * backfilled history is forgotten on the same terms as live data. In order:
 * <ol>
 *   <li>instances not heard from for {@link RollupConfig#instanceRetention()} leave the registry;</li>
 *   <li>cumulative instance series keep their baseline for as long as their instance is in the registry (series
 *       without an instance: until silent for the instance retention), so a series that comes back never counts
 *       again what it already counted; gauge and delta instance series, which carry no state, go once silent
 *       for two late windows (or two stale windows, whichever is longer);</li>
 *   <li>rollup series with no instance series and no data within {@link RollupConfig#longestRetention()} (the
 *       days' retention: no cell left at any resolution) are retired, in memory and in the store (every
 *       resolution), so they stop counting against the series limits; until then their hours and days stay
 *       readable;</li>
 *   <li>services left with no series and no instances are forgotten.</li>
 * </ol>
 */
final class FleetSweep {
  /** What one sweep forgot. */
  record Result(int instances, int instanceSeries, int rollupSeries, int services) {
    boolean any() {
      return instances + instanceSeries + rollupSeries + services > 0;
    }
  }

  private FleetSweep() {
  }

  static Result run(RollupState state, RollupConfig config, long nowMs) {
    long instanceCutoff = nowMs - config.instanceRetention().toMillis();
    long silentCutoff = nowMs - 2 * Math.max(config.lateWindow().toMillis(), config.staleAfter().toMillis());
    long retentionCutoff = nowMs - config.longestRetention().toMillis();
    state.forgetSilentHistogramParts(silentCutoff);
    int instances = 0;
    int instanceSeries = 0;
    int rollupSeries = 0;
    int services = 0;
    Iterator<ServiceState> svcIt = state.services().values().iterator();
    while (svcIt.hasNext()) {
      ServiceState svc = svcIt.next();
      Iterator<InstanceRecord> recIt = svc.instances.values().iterator();
      while (recIt.hasNext()) {
        InstanceRecord rec = recIt.next();
        if (rec.lastActivityMs() < instanceCutoff && !rec.dirty) {
          recIt.remove();
          state.forgetInstance(svc, rec);
          instances++;
        }
      }
      Iterator<Map.Entry<String, Map<Labels, InstanceSeries>>> metricIt =
          svc.instanceSeries.entrySet().iterator();
      while (metricIt.hasNext()) {
        Map<Labels, InstanceSeries> bySeries = metricIt.next().getValue();
        Iterator<InstanceSeries> it = bySeries.values().iterator();
        while (it.hasNext()) {
          InstanceSeries is = it.next();
          if (!is.dirty && gone(is, svc, instanceCutoff, silentCutoff)) {
            it.remove();
            state.forgetInstanceSeries(is);
            instanceSeries++;
          }
        }
        if (bySeries.isEmpty()) {
          metricIt.remove();
        }
      }
      Iterator<RollupSeries> seriesIt = svc.series.values().iterator();
      while (seriesIt.hasNext()) {
        RollupSeries r = seriesIt.next();
        if (r.instanceSeries == 0 && r.dirty.isEmpty() && r.persisted && r.lastMinuteMs < retentionCutoff) {
          seriesIt.remove();
          state.retireSeries(r);
          rollupSeries++;
        }
      }
      if (svc.series.isEmpty() && svc.instances.isEmpty() && svc.instanceSeries.isEmpty()) {
        svcIt.remove();
        services++;
      }
    }
    return new Result(instances, instanceSeries, rollupSeries, services);
  }

  private static boolean gone(InstanceSeries is, ServiceState svc, long instanceCutoff, long silentCutoff) {
    if (!is.hasBaseline()) {
      return is.lastArrivalMs < silentCutoff;
    }
    String instance = is.instance();
    return instance != null ? !svc.instances.containsKey(instance) : is.lastArrivalMs < instanceCutoff;
  }
}
