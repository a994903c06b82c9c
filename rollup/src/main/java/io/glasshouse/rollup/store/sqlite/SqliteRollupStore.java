package io.glasshouse.rollup.store.sqlite;

import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.Resolution;
import io.glasshouse.rollup.series.SeriesKey;
import io.glasshouse.rollup.store.CellBlob;
import io.glasshouse.rollup.store.CellRow;
import io.glasshouse.rollup.store.Checkpoint;
import io.glasshouse.rollup.store.Codecs;
import io.glasshouse.rollup.store.CorruptStoreException;
import io.glasshouse.rollup.store.RollupStore;
import io.glasshouse.rollup.store.StoredCells;
import io.glasshouse.rollup.store.StoredInstance;
import io.glasshouse.rollup.store.StoredInstanceSeries;
import io.glasshouse.rollup.store.StoredPendingParts;
import io.glasshouse.rollup.store.StoredSeries;
import io.glasshouse.rollup.store.StoredState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.IntFunction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default store: one SQLite file ({@code glasshouse.db}) in the data folder, through the Vert.x
 * JDBC client. Checkpoints are single transactions; cell merges happen in SQL ({@code ON CONFLICT DO UPDATE},
 * the {@code hist} blob through the {@code hist_merge} function: a histogram, or a gauge's per-instance last
 * readings, see {@link CellBlob}). Minute cells live in {@code cells}, hour and day cells in
 * {@code hour_cells} and {@code day_cells} (same columns, keyed by the cell's start; see {@link CellTable}), merged
 * in the checkpoint's transaction; {@link DownsampleMigration} creates and fills them in older data folders.
 */
public final class SqliteRollupStore implements RollupStore {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteRollupStore.class);
  // Floating-point columns are declared DOUBLE, not REAL: the driver reports REAL as java.sql.Types.REAL, which the
  // Vert.x JDBC client decodes as a 32-bit Float, so counter increases, sums and cumulative last values lost
  // precision (10000000123 read back as 1.0E10) once they came from the store. SQLite stores both as 8-byte floats.
  private static final List<String> SCHEMA = List.of(
      "CREATE TABLE IF NOT EXISTS meta (id INTEGER PRIMARY KEY CHECK (id = 1), journal_seq INTEGER NOT NULL,"
          + " generation INTEGER NOT NULL, history_start INTEGER NOT NULL)",
      "INSERT OR IGNORE INTO meta VALUES (1, 0, 0, 0)",
      "CREATE TABLE IF NOT EXISTS series (id INTEGER PRIMARY KEY, service TEXT NOT NULL, metric TEXT NOT NULL,"
          + " kind TEXT NOT NULL, labels TEXT NOT NULL)",
      "CREATE TABLE IF NOT EXISTS cells (series_id INTEGER NOT NULL, minute INTEGER NOT NULL,"
          + " increase DOUBLE NOT NULL, min DOUBLE, max DOUBLE, sum DOUBLE NOT NULL, count INTEGER NOT NULL, last DOUBLE,"
          + " last_ts INTEGER NOT NULL, hist BLOB, PRIMARY KEY (series_id, minute)) WITHOUT ROWID",
      "CREATE INDEX IF NOT EXISTS cells_by_minute ON cells (minute)",
      "CREATE TABLE IF NOT EXISTS instances (service TEXT NOT NULL, instance TEXT NOT NULL,"
          + " first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, version TEXT, PRIMARY KEY (service, instance))",
      "CREATE TABLE IF NOT EXISTS instance_series (id INTEGER PRIMARY KEY, series_id INTEGER NOT NULL,"
          + " metric TEXT NOT NULL, labels TEXT NOT NULL, last_value DOUBLE, last_buckets BLOB,"
          + " start_ms INTEGER NOT NULL, last_ts INTEGER NOT NULL)",
      // half-arrived classic-histogram scrapes (issue #7); each checkpoint replaces them. Older data folders get the
      // table on open: until their first checkpoint it is empty, which is what they stored.
      "CREATE TABLE IF NOT EXISTS pending_histogram_parts (series_id INTEGER NOT NULL, labels TEXT NOT NULL,"
          + " state BLOB NOT NULL)");

  static final String MERGE_CELL = CellTable.MINUTE.merge;

  /** SQLite allows one writer: every write goes through this single connection, in order. */
  private final Pool pool;
  /** Readers run beside the writer on their own connections (WAL snapshots). */
  private final Pool readers;
  private final AtomicLong quarantinedCells = new AtomicLong();

  private final Path file;
  /** One thread that encodes checkpoints (histograms, labels, hour and day roll-ups), off the event loops. */
  private final WorkerExecutor encoder;
  /**
   * Runs on the encoder thread as a checkpoint's encoding starts. A seam for tests (a held encoding shows that
   * event loops go on meanwhile); does nothing otherwise.
   */
  volatile Runnable whileEncoding = () -> { };
  private volatile IntFunction<Future<Void>> betweenChunks = n -> Future.succeededFuture();
  private final Vertx vertx;
  /** Times checkpoint chunks for pacing ({@link ChunkPacing}). */
  private final Clock clock;

  private SqliteRollupStore(Vertx vertx, Clock clock, Path file, Pool pool, Pool readers, WorkerExecutor encoder) {
    this.vertx = vertx;
    this.clock = clock;
    this.file = file;
    this.pool = pool;
    this.readers = readers;
    this.encoder = encoder;
  }

  /**
   * A fault-injection seam for tests: {@code hook} runs before every chunk of a checkpoint's rows after the first
   * (with the number of chunks written), inside the checkpoint's transaction; the next chunk waits for its future,
   * and a failed future rolls the whole checkpoint back, as a crash at that point would.
   */
  public void beforeEachFurtherChunk(IntFunction<Future<Void>> hook) {
    betweenChunks = hook;
  }

  /** A store in {@code dataDir/glasshouse.db}; call {@link #open()} before use. */
  public static SqliteRollupStore create(Vertx vertx, Path dataDir) {
    return create(vertx, dataDir, Clock.systemUTC());
  }

  /**
   * A store in {@code dataDir/glasshouse.db} whose checkpoint pacing times its chunks with {@code pacingClock}
   * (real time: pacing shares CPU, it does not follow data time); call {@link #open()} before use.
   */
  public static SqliteRollupStore create(Vertx vertx, Path dataDir, Clock pacingClock) {
    Path file = dataDir.resolve("glasshouse.db");
    SqliteDataSource ds = new SqliteDataSource(file.toString());
    return new SqliteRollupStore(vertx, pacingClock, file, JDBCPool.pool(vertx, ds, new PoolOptions().setMaxSize(1)),
        JDBCPool.pool(vertx, ds, new PoolOptions().setMaxSize(2)),
        vertx.createSharedWorkerExecutor("glasshouse-store-encoder-" + file.toAbsolutePath(), 1));
  }

  /**
   * The single writer connection, for stores of other tables in the same file ({@link SqliteStatusStore}): SQLite
   * allows one writer, and a second connection writing between a checkpoint's read and its first write makes the
   * checkpoint fail with SQLITE_BUSY (a read snapshot cannot be upgraded), so every write shares this one.
   */
  Pool writer() {
    return pool;
  }

  @Override
  public Future<Void> open() {
    return pool.<Void>withTransaction(conn -> {
      Future<?> f = Future.succeededFuture();
      for (String sql : SCHEMA) {
        f = f.compose(v -> conn.query(sql).execute());
      }
      return f.compose(v -> DownsampleMigration.apply(conn));
    }).recover(e -> Future.<Void>failedFuture(e instanceof CorruptStoreException ? e : new CorruptStoreException(
        "cannot open the store " + file.toAbsolutePath() + " (" + e.getMessage() + "); if the file is damaged,"
            + " restore the data folder from a backup")));
  }

  @Override
  public Future<StoredState> load() {
    return readers.withTransaction(conn -> conn.query("SELECT journal_seq, generation, history_start FROM meta").execute()
        .compose(meta -> {
          Row m = meta.iterator().next();
          return loadSeries(conn).compose(series -> loadInstances(conn).compose(instances -> loadInstanceSeries(conn)
              .compose(is -> loadPendingParts(conn).map(pending -> new StoredState(m.getLong(0), m.getLong(1),
                  m.getLong(2), series, instances, is, pending)))));
        })).recover(e -> Future.<StoredState>failedFuture(e instanceof CorruptStoreException ? e : new CorruptStoreException(
            "cannot load the store " + file.toAbsolutePath() + " (" + e.getMessage() + "); if the file is damaged,"
                + " restore the data folder from a backup")));
  }

  private static Future<List<StoredSeries>> loadSeries(SqlConnection conn) {
    // the newest cell of any resolution: a series whose minutes expired but whose hours or days are kept still has
    // data, and is retired only once its last day cell leaves the day retention
    return conn.query("SELECT id, service, metric, kind, labels, MAX("
        + " COALESCE((SELECT MAX(minute) FROM cells WHERE series_id = series.id), -9223372036854775808),"
        + " COALESCE((SELECT MAX(start) FROM hour_cells WHERE series_id = series.id), -9223372036854775808),"
        + " COALESCE((SELECT MAX(start) FROM day_cells WHERE series_id = series.id), -9223372036854775808))"
        + " FROM series ORDER BY id").execute().map(rs -> {
      List<StoredSeries> out = new ArrayList<>();
      for (Row r : rs) {
        long id = r.getLong(0);
        Long last = r.getLong(5);
        out.add(new StoredSeries(id, new SeriesKey(r.getString(1), r.getString(2),
            MetricKind.valueOf(r.getString(3)), labels(r, 4, "series", id)),
            last == null ? Long.MIN_VALUE : last));
      }
      return out;
    });
  }

  private static Future<List<StoredInstance>> loadInstances(SqlConnection conn) {
    return conn.query("SELECT service, instance, first_seen, last_seen, version FROM instances").execute().map(rs -> {
      List<StoredInstance> out = new ArrayList<>();
      for (Row r : rs) {
        String version = r.getString(4);
        out.add(new StoredInstance(r.getString(0), r.getString(1), r.getLong(2), r.getLong(3),
            version == null || version.isEmpty() ? null : version));
      }
      return out;
    });
  }

  private static Future<List<StoredInstanceSeries>> loadInstanceSeries(SqlConnection conn) {
    return conn.query("SELECT id, series_id, metric, labels, last_value, last_buckets, start_ms, last_ts"
        + " FROM instance_series ORDER BY id").execute().map(rs -> {
          List<StoredInstanceSeries> out = new ArrayList<>();
          for (Row r : rs) {
            Double last = r.getDouble(4);
            long id = r.getLong(0);
            out.add(new StoredInstanceSeries(id, r.getLong(1), r.getString(2),
                labels(r, 3, "instance_series", id), last == null ? Double.NaN : last,
                Codecs.bucketsFromBytes(bytes(r, 5)), r.getLong(6), r.getLong(7)));
          }
          return out;
        });
  }

  private static Future<List<StoredPendingParts>> loadPendingParts(SqlConnection conn) {
    return conn.query("SELECT rowid, series_id, labels, state FROM pending_histogram_parts ORDER BY rowid").execute()
        .map(rs -> {
          List<StoredPendingParts> out = new ArrayList<>();
          for (Row r : rs) {
            byte[] state = bytes(r, 3);
            out.add(new StoredPendingParts(r.getLong(1), labels(r, 2, "pending_histogram_parts", r.getLong(0)),
                state == null ? new byte[0] : state));
          }
          return out;
        });
  }

  /**
   * Writes {@code cp} in one transaction that first checks the stored generation: a checkpoint whose generation
   * is already committed (a retry after a commit whose reply was lost) changes nothing, and the meta row's
   * generation moves from {@code g - 1} to {@code g} in the same transaction as the cells, so cells are merged
   * at most once. Cells that cannot be encoded or merged are quarantined (logged, counted) and the rest commits.
   */
  @Override
  public Future<Void> write(Checkpoint cp) {
    return write(cp, false);
  }

  /** As {@link #write(Checkpoint)}, paced (see {@link ChunkPacing}): for the periodic checkpoints nobody waits for. */
  @Override
  public Future<Void> writePaced(Checkpoint cp) {
    return write(cp, true);
  }

  private Future<Void> write(Checkpoint cp, boolean paced) {
    ChunkPacing pace = new ChunkPacing(vertx, clock, paced, betweenChunks);
    List<String> quarantined = new ArrayList<>();
    return pool.withTransaction(conn -> conn.query("SELECT generation FROM meta").execute().compose(meta -> {
      long stored = meta.iterator().next().getLong(0);
      if (stored >= cp.generation()) {
        LOG.info("checkpoint {} is already committed (store at generation {}); nothing to write", cp.generation(),
            stored);
        return Future.succeededFuture();
      }
      if (stored != cp.generation() - 1) {
        return Future.failedFuture(new IllegalStateException("checkpoint " + cp.generation()
            + " must follow generation " + (cp.generation() - 1) + " but the store is at " + stored
            + "; is another Glasshouse writing to this data folder?"));
      }
      return writeRows(conn, cp, quarantined, pace);
    })).onSuccess(v -> {
      quarantinedCells.addAndGet(quarantined.size());
      for (String q : quarantined) {
        LOG.error("quarantined a cell that cannot be stored: {}", q);
      }
    });
  }

  /**
   * Encodes on the encoder thread, then writes on the writer connection: the event loop that runs this chain only
   * hands finished tuples over, however many histograms the checkpoint holds.
   */
  private Future<Void> writeRows(SqlConnection conn, Checkpoint cp, List<String> quarantined, ChunkPacing pace) {
    return encoder.<CheckpointRows>executeBlocking(() -> {
      whileEncoding.run();
      return CheckpointRows.of(cp);
    }, false).compose(rows -> {
      quarantined.addAll(rows.quarantined);
      return batch(conn, "INSERT OR REPLACE INTO series VALUES (?, ?, ?, ?, ?)", rows.series, pace)
          .compose(v -> mergeCells(conn, CellTable.MINUTE, rows.cells, rows.cellTuples, quarantined, pace))
          .compose(merged -> downsample(conn, merged, quarantined, pace))
          .compose(v -> batch(conn, "INSERT INTO instances VALUES (?, ?, ?, ?, ?) ON CONFLICT (service, instance)"
              + " DO UPDATE SET first_seen = MIN(first_seen, excluded.first_seen),"
              + " last_seen = MAX(last_seen, excluded.last_seen),"
              + " version = COALESCE(NULLIF(excluded.version, ''), version)", rows.instances, pace))
          // an instance series' id, rollup, metric and labels never change: only its baseline is updated in place
          .compose(v -> batch(conn, "INSERT INTO instance_series VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id)"
              + " DO UPDATE SET last_value = excluded.last_value, last_buckets = excluded.last_buckets,"
              + " start_ms = excluded.start_ms, last_ts = excluded.last_ts", rows.instanceSeries, pace))
          .compose(v -> batch(conn, "DELETE FROM instance_series WHERE id = ?", rows.evictedInstanceSeries, pace))
          .compose(v -> batch(conn, "DELETE FROM instances WHERE service = ? AND instance = ?",
              rows.evictedInstances, pace))
          .compose(v -> deleteRetiredCells(conn, rows.retiredSeries, pace))
          .compose(v -> batch(conn, "DELETE FROM series WHERE id = ?", rows.retiredSeries, pace))
          // the scrapes pending now replace the previous checkpoint's, in the transaction that moves journal_seq
          .compose(v -> conn.query("DELETE FROM pending_histogram_parts").execute())
          .compose(v -> batch(conn, "INSERT INTO pending_histogram_parts VALUES (?, ?, ?)", rows.pendingParts,
              pace));
    }).compose(v -> conn.preparedQuery("UPDATE meta SET journal_seq = ?, generation = ?, history_start = ?"
            + " WHERE generation = ?")
        .execute(Tuple.of(cp.journalSeq(), cp.generation(), cp.historyStartMs(), cp.generation() - 1)))
        .compose(rs -> rs.rowCount() == 1 ? Future.<Void>succeededFuture()
            : Future.failedFuture(new IllegalStateException("the store's generation changed during checkpoint "
                + cp.generation() + "; is another Glasshouse writing to this data folder?")));
  }

  /**
   * Merges all cells into {@code table} in one batch; if the batch fails (a merge the database refuses, such as a
   * histogram whose merged counts overflow), rolls it back and merges cell by cell, quarantining the ones that
   * fail. Completes with the rows merged.
   */
  private Future<List<CellRow>> mergeCells(SqlConnection conn, CellTable table, List<CellRow> rows,
      List<Tuple> cells, List<String> quarantined, ChunkPacing pace) {
    if (cells.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return savepoint(conn, "cells", () -> batch(conn, table.merge, cells, pace)).map(v -> rows).recover(batchError -> {
      List<CellRow> merged = new ArrayList<>(rows.size());
      Future<Void> f = Future.succeededFuture();
      for (int i = 0; i < cells.size(); i++) {
        Tuple t = cells.get(i);
        CellRow row = rows.get(i);
        f = f.compose(v -> savepoint(conn, "cell", () -> conn.preparedQuery(table.merge).execute(t).<Void>mapEmpty())
            .map(ok -> {
              merged.add(row);
              return (Void) null;
            })
            .recover(e -> {
              quarantined.add(table.table + " " + CheckpointRows.describe(row, e));
              return Future.succeededFuture();
            }));
      }
      return f.map(v -> merged);
    });
  }

  /**
   * Merges the minute cells this checkpoint merged into their hour and day cells, in the checkpoint's own
   * transaction: downsampled cells commit with the minutes, or not at all, and the generation check that keeps a
   * retried checkpoint from merging its minutes twice keeps it from merging its hours and days twice too. Late
   * minutes are in the checkpoint like any other, so they reach their hour and day. The checkpoint's minutes are
   * rolled up (on the encoder thread) first, so each hour and day is merged once per checkpoint.
   */
  private Future<Void> downsample(SqlConnection conn, List<CellRow> merged, List<String> quarantined,
      ChunkPacing pace) {
    Future<Void> f = Future.succeededFuture();
    for (Resolution r : new Resolution[] {Resolution.HOUR, Resolution.DAY}) {
      f = f.compose(v -> encoder.executeBlocking(() -> CheckpointRows.downsampled(merged, r), false))
          .compose(e -> {
            quarantined.addAll(e.quarantined());
            return mergeCells(conn, CellTable.of(r), e.rows(), e.tuples(), quarantined, pace).mapEmpty();
          });
    }
    return f;
  }

  /** Retired series leave every resolution. */
  private static Future<Void> deleteRetiredCells(SqlConnection conn, List<Tuple> ids, ChunkPacing pace) {
    Future<Void> f = Future.succeededFuture();
    for (CellTable t : CellTable.values()) {
      f = f.compose(v -> batch(conn, "DELETE FROM " + t.table + " WHERE series_id = ?", ids, pace));
    }
    return f;
  }

  /** Runs {@code work} inside a savepoint: released on success, rolled back to (and released) on failure. */
  private static Future<Void> savepoint(SqlConnection conn, String name,
      java.util.function.Supplier<Future<Void>> work) {
    return conn.query("SAVEPOINT " + name).execute()
        .compose(v -> work.get())
        .compose(v -> conn.query("RELEASE " + name).execute().<Void>mapEmpty(),
            e -> conn.query("ROLLBACK TO " + name).execute()
                .compose(v -> conn.query("RELEASE " + name).execute())
                .compose(v -> Future.<Void>failedFuture(e)));
  }

  @Override
  public long quarantinedCells() {
    return quarantinedCells.get();
  }

  /** Runs {@code sql} for every tuple, in chunks of {@link ChunkPacing#CHUNK_ROWS} as {@code pace} allows. */
  private static Future<Void> batch(SqlConnection conn, String sql, List<Tuple> tuples, ChunkPacing pace) {
    Future<Void> f = Future.succeededFuture();
    for (int from = 0; from < tuples.size(); from += ChunkPacing.CHUNK_ROWS) {
      List<Tuple> chunk = tuples.subList(from, Math.min(tuples.size(), from + ChunkPacing.CHUNK_ROWS));
      f = f.compose(v -> pace.beforeChunk())
          .compose(v -> pace.chunk(() -> conn.preparedQuery(sql).executeBatch(chunk)).mapEmpty());
    }
    return f;
  }

  @Override
  public Future<StoredCells> read(Collection<Long> seriesIds, long fromMs, long toMs) {
    return read(seriesIds, fromMs, toMs, Resolution.MINUTE);
  }

  @Override
  public Future<StoredCells> read(Collection<Long> seriesIds, long fromMs, long toMs, Resolution resolution) {
    CellTable t = CellTable.of(resolution);
    if (seriesIds.isEmpty()) {
      return readers.query("SELECT generation FROM meta").execute()
          .map(rs -> new StoredCells(rs.iterator().next().getLong(0), List.of()));
    }
    String in = seriesIds.stream().map(String::valueOf).collect(Collectors.joining(","));
    return readers.withTransaction(conn -> conn.query("SELECT generation FROM meta").execute().compose(meta -> conn
        .preparedQuery("SELECT series_id, " + t.key + ", increase, min, max, sum, count, last, last_ts, hist FROM "
            + t.table + " WHERE series_id IN (" + in + ") AND " + t.key + " >= ? AND " + t.key + " < ?"
            + " ORDER BY series_id, " + t.key)
        .execute(Tuple.of(fromMs, toMs)).map(rs -> {
          List<CellRow> rows = new ArrayList<>();
          for (Row r : rs) {
            byte[] blob = bytes(r, 9);
            rows.add(new CellRow(r.getLong(0), new MinuteCell(r.getLong(1), r.getDouble(2), nanIfNull(r.getDouble(3)),
                nanIfNull(r.getDouble(4)), r.getDouble(5), r.getLong(6), nanIfNull(r.getDouble(7)),
                CellBlob.histogram(blob), CellBlob.lasts(blob)), r.getLong(8)));
          }
          return new StoredCells(meta.iterator().next().getLong(0), rows);
        })));
  }

  @Override
  public Future<Integer> deleteCellsBefore(long beforeMs) {
    return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM cells WHERE minute < ?")
        .execute(Tuple.of(beforeMs)).map(rs -> rs.rowCount()));
  }

  /**
   * One small transaction on the writer connection: checkpoints queue behind at most one batch, never behind a
   * whole purge. Uses the table's index on its time column.
   */
  @Override
  public Future<Integer> deleteCellsBefore(Resolution resolution, long beforeMs, int maxCells) {
    CellTable t = CellTable.of(resolution);
    return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM " + t.table + " WHERE (series_id, " + t.key
        + ") IN (SELECT series_id, " + t.key + " FROM " + t.table + " WHERE " + t.key + " < ? LIMIT ?)")
        .execute(Tuple.of(beforeMs, maxCells)).map(rs -> rs.rowCount()));
  }

  @Override
  public Future<Void> close() {
    return Future.join(pool.close(), readers.close()).eventually(encoder::close).mapEmpty();
  }

  private static double nanIfNull(Double d) {
    return d == null ? Double.NaN : d;
  }

  /** The labels of one stored row; a row that cannot be read is named, with what to do about it. */
  private static io.glasshouse.rollup.sample.Labels labels(Row r, int col, String table, long id) {
    Object v = r.getValue(col);
    try {
      return Codecs.labelsFromColumn(v instanceof Buffer b ? b.getBytes() : v);
    } catch (IllegalArgumentException e) {
      throw new CorruptStoreException("glasshouse.db: the labels of " + table + " row " + id + " cannot be read ("
          + e.getMessage() + "); restore the data folder from a backup, or delete that row with the sqlite3 tool");
    }
  }

  private static byte[] bytes(Row r, int col) {
    Object v = r.getValue(col);
    if (v == null) {
      return null;
    }
    if (v instanceof Buffer b) {
      return b.length() == 0 ? null : b.getBytes();
    }
    if (v instanceof byte[] b) {
      return b.length == 0 ? null : b;
    }
    throw new IllegalStateException("unexpected blob type " + v.getClass());
  }
}
