package io.glasshouse.rollup.store.sqlite;

import io.glasshouse.rollup.series.Resolution;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema step "downsampling": creates {@code hour_cells} and {@code day_cells} and, in a data folder written
 * before they existed, fills them from the minute cells it holds, in the same transaction (all or nothing; a crash
 * during it leaves the folder as it was and the next start runs it again). Runs when {@code hour_cells} does not
 * exist yet, so exactly once per data folder; afterwards every checkpoint keeps the three tables in step.
 */
final class DownsampleMigration {
  private static final Logger LOG = LoggerFactory.getLogger(DownsampleMigration.class);

  private DownsampleMigration() {
  }

  static Future<Void> apply(SqlConnection conn) {
    return conn.query("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '"
        + CellTable.HOUR.table + "'").execute().compose(rs -> {
          boolean present = rs.iterator().next().getLong(0) > 0;
          Future<?> f = Future.succeededFuture();
          for (CellTable t : new CellTable[] {CellTable.HOUR, CellTable.DAY}) {
            f = f.compose(v -> conn.query(t.createTable()).execute())
                .compose(v -> conn.query(t.createIndex()).execute());
          }
          if (present) {
            return f.mapEmpty();
          }
          return f.compose(v -> backfill(conn, CellTable.HOUR, Resolution.HOUR))
              .compose(hours -> backfill(conn, CellTable.DAY, Resolution.DAY).map(days -> {
                if (hours + days > 0) {
                  LOG.info("downsampled the stored minute cells into {} hour and {} day cells", hours, days);
                }
                return null;
              }));
        });
  }

  /** Merges every stored minute cell into its cell of {@code r}; SQLite streams the rows, nothing is loaded. */
  private static Future<Integer> backfill(SqlConnection conn, CellTable t, Resolution r) {
    return conn.query("INSERT INTO " + t.table + " SELECT series_id,"
        + " ((minute - CASE WHEN minute < 0 THEN " + (r.ms() - 1) + " ELSE 0 END) / " + r.ms() + ") * " + r.ms() + ","
        + " increase, min, max, sum, count, last, last_ts, hist FROM cells WHERE true ORDER BY series_id, minute"
        + CellTable.mergeClause(t.key)).execute().map(rs -> rs.rowCount());
  }
}
