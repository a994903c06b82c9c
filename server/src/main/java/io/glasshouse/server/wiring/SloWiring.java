package io.glasshouse.server.wiring;

import io.glasshouse.rollup.engine.RollupConfig;
import io.glasshouse.rollup.series.Resolution;
import io.glasshouse.rollup.series.RollupReader;
import io.glasshouse.rollup.slo.DownsampledSliCounts;
import io.glasshouse.rollup.slo.SliCounts;
import io.glasshouse.server.config.SloSettings;
import io.vertx.core.Vertx;

/** Where SLO evaluation reads its counts: minutes, hours and days of the rollups, with the settled-count cache. */
public final class SloWiring {
  private SloWiring() {
  }

  /** Counts over the engine's read path, with the rollup's retentions and late window and the slo cache bound. */
  public static SliCounts counts(Vertx vertx, RollupReader reader, RollupConfig rollup, SloSettings slo) {
    return new DownsampledSliCounts(reader, vertx, rollup.retention(Resolution.MINUTE),
        rollup.retention(Resolution.HOUR), rollup.retention(Resolution.DAY), rollup.lateWindow(), slo.cacheValues());
  }
}
