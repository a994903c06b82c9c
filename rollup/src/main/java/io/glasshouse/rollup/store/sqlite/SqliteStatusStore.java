package io.glasshouse.rollup.store.sqlite;

import io.glasshouse.rollup.status.ComponentStatus;
import io.glasshouse.rollup.status.DailyStatus;
import io.glasshouse.rollup.status.OverrideChange;
import io.glasshouse.rollup.status.OverrideStore;
import io.glasshouse.rollup.status.StatusHistoryStore;
import io.glasshouse.rollup.status.StatusOverride;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Component status history, overrides and their audit trail in the data folder's {@code glasshouse.db}, in tables
 * of their own ({@link StatusSchema}). Beside a running {@link SqliteRollupStore} it writes through that store's
 * single writer connection ({@link #sharing}); a second writing connection would make the rollup checkpoints fail
 * with SQLITE_BUSY whenever it commits between a checkpoint's read and its first write. These writes are a few
 * rows a minute.
 */
public final class SqliteStatusStore implements StatusHistoryStore, OverrideStore {
  private static final String UPSERT_DAY = "INSERT INTO status_day VALUES (?, ?, ?, ?, ?, ?, ?)"
      + " ON CONFLICT (component, day) DO UPDATE SET operational_ms = excluded.operational_ms,"
      + " degraded_ms = excluded.degraded_ms, partial_ms = excluded.partial_ms, major_ms = excluded.major_ms,"
      + " maintenance_ms = excluded.maintenance_ms";
  private static final List<ComponentStatus> COLUMNS = List.of(ComponentStatus.OPERATIONAL,
      ComponentStatus.DEGRADED_PERFORMANCE, ComponentStatus.PARTIAL_OUTAGE, ComponentStatus.MAJOR_OUTAGE,
      ComponentStatus.UNDER_MAINTENANCE);

  private final Pool pool;
  private final boolean ownsPool;

  private SqliteStatusStore(Pool pool, boolean ownsPool) {
    this.pool = pool;
    this.ownsPool = ownsPool;
  }

  /**
   * A store in {@code dataDir/glasshouse.db} with a connection of its own, for when no rollup store uses the file
   * (tests, tools); call {@link #open()} before use.
   */
  public static SqliteStatusStore create(Vertx vertx, Path dataDir) {
    SqliteDataSource ds = new SqliteDataSource(dataDir.resolve("glasshouse.db").toString());
    return new SqliteStatusStore(JDBCPool.pool(vertx, ds, new PoolOptions().setMaxSize(1)), true);
  }

  /**
   * A store writing through {@code rollup}'s writer connection; call {@link #open()} before use, and
   * {@link #close()} before closing {@code rollup} (closing this one leaves the shared connection open).
   */
  public static SqliteStatusStore sharing(SqliteRollupStore rollup) {
    return new SqliteStatusStore(rollup.writer(), false);
  }

  /** Creates the status tables if they do not exist. */
  public Future<Void> open() {
    return pool.withTransaction(conn -> {
      Future<?> f = Future.succeededFuture();
      for (String sql : StatusSchema.STATEMENTS) {
        f = f.compose(v -> conn.query(sql).execute());
      }
      return f.mapEmpty();
    });
  }

  /** Closes its own connection; one shared with a rollup store stays open (that store closes it). */
  public Future<Void> close() {
    return ownsPool ? pool.close() : Future.succeededFuture();
  }

  @Override
  public Future<List<DailyStatus>> days(LocalDate from) {
    return pool.preparedQuery("SELECT component, day, operational_ms, degraded_ms, partial_ms, major_ms,"
        + " maintenance_ms FROM status_day WHERE day >= ? ORDER BY component, day").execute(Tuple.of(from.toString()))
        .map(rs -> {
          List<DailyStatus> out = new ArrayList<>();
          for (Row r : rs) {
            Map<ComponentStatus, Long> ms = new EnumMap<>(ComponentStatus.class);
            for (int i = 0; i < COLUMNS.size(); i++) {
              ms.put(COLUMNS.get(i), r.getLong(2 + i));
            }
            out.add(new DailyStatus(r.getString(0), LocalDate.parse(r.getString(1)), ms));
          }
          return out;
        });
  }

  @Override
  public Future<Void> save(List<DailyStatus> days) {
    if (days.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = new ArrayList<>();
    for (DailyStatus d : days) {
      Tuple t = Tuple.of(d.componentId(), d.day().toString());
      COLUMNS.forEach(s -> t.addLong(d.millis(s)));
      rows.add(t);
    }
    return pool.withTransaction(conn -> conn.preparedQuery(UPSERT_DAY).executeBatch(rows)).mapEmpty();
  }

  @Override
  public Future<Void> purgeBefore(LocalDate day) {
    return pool.preparedQuery("DELETE FROM status_day WHERE day < ?").execute(Tuple.of(day.toString())).mapEmpty();
  }

  @Override
  public Future<List<StatusOverride>> overrides() {
    return pool.query("SELECT component, status, reason, by, set_at, expires_at FROM status_override").execute()
        .map(rs -> {
          List<StatusOverride> out = new ArrayList<>();
          for (Row r : rs) {
            out.add(new StatusOverride(r.getString(0), ComponentStatus.fromApiName(r.getString(1)), r.getString(2),
                r.getString(3), Instant.ofEpochMilli(r.getLong(4)), Instant.ofEpochMilli(r.getLong(5))));
          }
          return out;
        });
  }

  @Override
  public Future<Void> record(OverrideChange change) {
    StatusOverride after = change.after();
    return pool.withTransaction(conn -> {
      Future<?> state = after == null
          ? conn.preparedQuery("DELETE FROM status_override WHERE component = ?").execute(Tuple.of(change.componentId()))
          : conn.preparedQuery("INSERT OR REPLACE INTO status_override VALUES (?, ?, ?, ?, ?, ?)").execute(Tuple.of(
              after.componentId(), after.status().apiName(), after.reason(), after.by(),
              after.setAt().toEpochMilli(), after.expiresAt().toEpochMilli()));
      return state.compose(v -> conn.preparedQuery("INSERT INTO status_override_audit (component, action, by, at,"
          + " before, after) VALUES (?, ?, ?, ?, ?, ?)").execute(Tuple.of(change.componentId(),
          change.action().apiName(), change.by(), change.at().toEpochMilli(), json(change.before()),
          json(change.after()))));
    }).mapEmpty();
  }

  @Override
  public Future<List<OverrideChange>> changes(String componentId, int limit) {
    return pool.preparedQuery("SELECT component, action, by, at, before, after FROM status_override_audit"
        + " WHERE component = ? ORDER BY id DESC LIMIT ?").execute(Tuple.of(componentId, limit)).map(rs -> {
          List<OverrideChange> out = new ArrayList<>();
          for (Row r : rs) {
            out.add(new OverrideChange(r.getString(0), OverrideChange.Action.valueOf(r.getString(1).toUpperCase(
                java.util.Locale.ROOT)), r.getString(2), Instant.ofEpochMilli(r.getLong(3)),
                override(r.getString(0), r.getString(4)), override(r.getString(0), r.getString(5))));
          }
          return out;
        });
  }

  private static String json(StatusOverride o) {
    if (o == null) {
      return null;
    }
    return new JsonObject().put("status", o.status().apiName()).put("reason", o.reason()).put("by", o.by())
        .put("setAt", o.setAt().toEpochMilli()).put("expiresAt", o.expiresAt().toEpochMilli()).encode();
  }

  private static StatusOverride override(String componentId, String json) {
    if (json == null) {
      return null;
    }
    JsonObject j = new JsonObject(json);
    return new StatusOverride(componentId, ComponentStatus.fromApiName(j.getString("status")), j.getString("reason"),
        j.getString("by"), Instant.ofEpochMilli(j.getLong("setAt")), Instant.ofEpochMilli(j.getLong("expiresAt")));
  }
}
