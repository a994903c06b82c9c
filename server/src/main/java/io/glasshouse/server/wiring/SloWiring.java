package io.glasshouse.server.wiring;

import io.glasshouse.rollup.engine.RollupConfig;
import io.glasshouse.rollup.series.Resolution;
import io.glasshouse.rollup.series.RollupReader;
import io.glasshouse.rollup.slo.DownsampledSliCounts;
import io.glasshouse.rollup.slo.HourRetention;
import io.glasshouse.rollup.slo.SliCounts;
import io.glasshouse.server.config.SloSettings;
import io.vertx.core.Vertx;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where SLO evaluation reads its counts: minutes, hours and days of the rollups, with the settled-count cache. */
public final class SloWiring {
  private static final Logger LOG = LoggerFactory.getLogger(SloWiring.class);

  private SloWiring() {
  }

  /**
   * Counts over the engine's read path, with the rollup's retentions and late window and the slo cache bound.
   * Warns at start, naming {@code rollup.retention.hours} and the SLO, for each calendar SLO of the file whose
   * period reaches back further than hours are kept (its first hours would be lost after a restart).
   */
  public static SliCounts counts(Vertx vertx, RollupReader reader, RollupConfig rollup, SloSettings slo) {
    retentionWarnings(rollup, slo).forEach(LOG::warn);
    return new DownsampledSliCounts(reader, vertx, rollup.retention(Resolution.MINUTE),
        rollup.retention(Resolution.HOUR), rollup.retention(Resolution.DAY), rollup.lateWindow(), slo.cacheValues());
  }

  /** What {@link #counts} warns about: see {@link HourRetention#check}. */
  public static List<String> retentionWarnings(RollupConfig rollup, SloSettings slo) {
    return HourRetention.check(slo.definitions(), rollup.retention(Resolution.HOUR));
  }
}
