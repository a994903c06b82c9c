package io.glasshouse.statuspage.incident;

import io.glasshouse.rollup.status.ComponentStatus;
import java.util.HashMap;
import java.util.Map;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link IncidentStore} in SQLite: its own file {@code dataDir/incidents.db} (beside the rollup store's), WAL mode
 * with {@code synchronous=FULL}, so a save is durable when it returns. One connection, calls serialised; a row per
 * entry holding its JSON ({@link IncidentCodec}).
 */
public final class SqliteIncidentStore implements IncidentStore {
  /** The file name inside the data folder. */
  public static final String FILE = "incidents.db";
  private final Connection conn;
  private final Path file;

  private SqliteIncidentStore(Connection conn, Path file) {
    this.conn = conn;
    this.file = file;
  }

  /** Opens (creating if needed) {@code dataDir/incidents.db}; blocks. */
  public static SqliteIncidentStore open(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      Files.createDirectories(dataDir);
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("CREATE TABLE IF NOT EXISTS incident (id TEXT PRIMARY KEY, draft INTEGER NOT NULL,"
            + " body TEXT NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS draft_memory (component TEXT PRIMARY KEY, derived TEXT NOT NULL)");
      }
      return new SqliteIncidentStore(c, file);
    } catch (SQLException e) {
      throw new IllegalStateException("incidents store: cannot open " + file + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized List<IncidentEntry> load() {
    List<IncidentEntry> out = new ArrayList<>();
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT draft, body FROM incident")) {
      while (rs.next()) {
        out.add(new IncidentEntry(IncidentCodec.decode(new JsonObject(rs.getString(2))), rs.getInt(1) != 0));
      }
    } catch (SQLException e) {
      throw failed(e);
    }
    return out;
  }

  @Override
  public synchronized void save(IncidentEntry entry) {
    try (PreparedStatement p = conn.prepareStatement("INSERT INTO incident (id, draft, body) VALUES (?, ?, ?)"
        + " ON CONFLICT (id) DO UPDATE SET draft = excluded.draft, body = excluded.body")) {
      p.setString(1, entry.id());
      p.setInt(2, entry.draft() ? 1 : 0);
      p.setString(3, IncidentCodec.encode(entry.incident()).encode());
      p.executeUpdate();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public synchronized void delete(String id) {
    try (PreparedStatement p = conn.prepareStatement("DELETE FROM incident WHERE id = ?")) {
      p.setString(1, id);
      p.executeUpdate();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public synchronized Map<String, ComponentStatus> draftMemory() {
    Map<String, ComponentStatus> out = new HashMap<>();
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT component, derived FROM draft_memory")) {
      while (rs.next()) {
        out.put(rs.getString(1), ComponentStatus.fromApiName(rs.getString(2)));
      }
    } catch (SQLException e) {
      throw failed(e);
    }
    return out;
  }

  @Override
  public synchronized void saveDraftMemory(Map<String, ComponentStatus> lastDerived) {
    try {
      conn.setAutoCommit(false);
      try (Statement s = conn.createStatement();
          PreparedStatement p = conn.prepareStatement("INSERT INTO draft_memory (component, derived) VALUES (?, ?)")) {
        s.execute("DELETE FROM draft_memory");
        for (Map.Entry<String, ComponentStatus> e : lastDerived.entrySet()) {
          p.setString(1, e.getKey());
          p.setString(2, e.getValue().apiName());
          p.addBatch();
        }
        p.executeBatch();
        conn.commit();
      } catch (SQLException e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  private IllegalStateException failed(SQLException e) {
    return new IllegalStateException("incidents store " + file + ": " + e.getMessage(), e);
  }
}
