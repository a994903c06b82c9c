package io.glasshouse.rollup.store.sqlite;

import io.glasshouse.rollup.config.AuditEntry;
import io.glasshouse.rollup.config.AuditPage;
import io.glasshouse.rollup.config.ConfigStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Configuration objects and their audit trail in the same SQLite file as the rollups ({@code glasshouse.db}),
 * tables {@code config_objects} and {@code config_audit}, written through one connection in single transactions
 * (WAL, full synchronous commits, as {@link SqliteRollupStore}): a change and its audit entry commit together.
 */
public final class SqliteConfigStore implements ConfigStore {
  private static final List<String> SCHEMA = List.of(
      "CREATE TABLE IF NOT EXISTS config_objects (kind TEXT NOT NULL, id TEXT NOT NULL, spec TEXT NOT NULL,"
          + " version INTEGER NOT NULL, created_seq INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
          + " updated_by TEXT NOT NULL, PRIMARY KEY (kind, id))",
      "CREATE TABLE IF NOT EXISTS config_audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL,"
          + " who TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, action TEXT NOT NULL, before TEXT, after TEXT)");

  private final Path file;
  private final Pool pool;
  private final boolean ownsPool;

  private SqliteConfigStore(Path file, Pool pool, boolean ownsPool) {
    this.file = file;
    this.pool = pool;
    this.ownsPool = ownsPool;
  }

  /**
   * A store writing through the running rollup store's own connection: SQLite in WAL mode refuses a write from a
   * second connection whose snapshot another connection has since changed ({@code SQLITE_BUSY_SNAPSHOT}), which
   * checkpoints do every few seconds. {@link #close()} leaves that connection to the rollup store.
   */
  public static SqliteConfigStore sharing(SqliteRollupStore rollup, Path dataDir) {
    return new SqliteConfigStore(dataDir.resolve("glasshouse.db"), rollup.writer(), false);
  }

  /**
   * A store in {@code dataDir/glasshouse.db} on a connection of its own, for when no rollup store is running (the
   * offline report); call {@link #open()} before use.
   */
  public static SqliteConfigStore create(Vertx vertx, Path dataDir) {
    Path file = dataDir.resolve("glasshouse.db");
    return new SqliteConfigStore(file, JDBCPool.pool(vertx, new SqliteDataSource(file.toString()),
        new PoolOptions().setMaxSize(1)), true);
  }

  @Override
  public Future<Void> open() {
    return pool.<Void>withTransaction(conn -> {
      Future<?> f = Future.succeededFuture();
      for (String sql : SCHEMA) {
        f = f.compose(v -> conn.query(sql).execute());
      }
      return f.mapEmpty();
    }).recover(e -> Future.failedFuture(new IllegalStateException("cannot open the config tables of "
        + file.toAbsolutePath() + ": " + e.getMessage(), e)));
  }

  @Override
  public Future<List<StoredObject>> loadAll() {
    return pool.withConnection(conn -> conn.query("SELECT kind, id, spec, version, updated_at, updated_by"
        + " FROM config_objects ORDER BY kind, created_seq").execute().map(rows -> {
          List<StoredObject> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new StoredObject(r.getString(0), r.getString(1), new JsonObject(r.getString(2)), r.getLong(3),
                Instant.ofEpochMilli(r.getLong(4)), r.getString(5)));
          }
          return out;
        }));
  }

  @Override
  public Future<Void> apply(List<Change> changes) {
    if (changes.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.withTransaction(conn -> {
      Future<Void> f = Future.succeededFuture();
      for (Change c : changes) {
        f = f.compose(v -> apply(conn, c));
      }
      return f;
    });
  }

  private static Future<Void> apply(SqlConnection conn, Change c) {
    AuditEntry a = c.audit();
    return conn.preparedQuery("INSERT INTO config_audit (at, who, kind, id, action, before, after)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)")
        .execute(Tuple.of(a.at().toEpochMilli(), a.who(), a.kind(), a.id(), a.action(), text(a.before()),
            text(a.after())))
        .compose(r -> conn.query("SELECT last_insert_rowid()").execute())
        .compose(seq -> {
          long s = seq.iterator().next().getLong(0);
          if (c.spec() == null) {
            return conn.preparedQuery("DELETE FROM config_objects WHERE kind = ? AND id = ?")
                .execute(Tuple.of(c.kind(), c.id())).mapEmpty();
          }
          return conn.preparedQuery("INSERT INTO config_objects VALUES (?, ?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT (kind, id) DO UPDATE SET spec = excluded.spec, version = excluded.version,"
                  + " updated_at = excluded.updated_at, updated_by = excluded.updated_by")
              .execute(Tuple.of(c.kind(), c.id(), c.spec().encode(), c.version(), s, a.at().toEpochMilli(), a.who()))
              .mapEmpty();
        });
  }

  private static String text(JsonObject o) {
    return o == null ? null : o.encode();
  }

  @Override
  public Future<AuditPage> audit(int limit, Long before) {
    int n = Math.max(1, limit);
    return pool.withConnection(conn -> conn.preparedQuery("SELECT seq, at, who, kind, id, action, before, after"
            + " FROM config_audit WHERE seq < ? ORDER BY seq DESC LIMIT ?")
        .execute(Tuple.of(before == null ? Long.MAX_VALUE : before, n + 1)).map(rows -> {
          List<AuditEntry> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new AuditEntry(r.getLong(0), Instant.ofEpochMilli(r.getLong(1)), r.getString(2), r.getString(3),
                r.getString(4), r.getString(5), json(r.getString(6)), json(r.getString(7))));
          }
          Long next = null;
          if (out.size() > n) {
            out = out.subList(0, n);
            next = out.get(n - 1).seq();
          }
          return new AuditPage(out, next);
        }));
  }

  private static JsonObject json(String s) {
    return s == null ? null : new JsonObject(s);
  }

  @Override
  public Future<Void> close() {
    return ownsPool ? pool.close() : Future.succeededFuture();
  }
}
