package io.glasshouse.alerts.store;

import io.glasshouse.alerts.nflog.Delivery;
import io.glasshouse.alerts.nflog.NflogEntry;
import io.glasshouse.alerts.silence.Silence;
import io.glasshouse.alerts.state.Alert;
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
import java.util.function.Function;

/**
 * {@link AlertStore} in SQLite: {@code dataDir/alerts.db} beside the rollup store's {@code glasshouse.db}, in WAL
 * mode with {@code synchronous=FULL} so each write is durable when the call returns. One connection, calls
 * serialised. Rows hold the objects' JSON ({@link Codec}).
 */
public final class SqliteAlertStore implements AlertStore {
  private final Connection conn;

  private SqliteAlertStore(Connection conn) {
    this.conn = conn;
  }

  /** Opens (creating if needed) {@code dataDir/alerts.db}. */
  public static SqliteAlertStore open(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("alerts.db"));
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("CREATE TABLE IF NOT EXISTS alerts (rule TEXT NOT NULL, fingerprint TEXT NOT NULL, body TEXT NOT NULL,"
            + " PRIMARY KEY (rule, fingerprint))");
        s.execute("CREATE TABLE IF NOT EXISTS silences (id TEXT PRIMARY KEY, body TEXT NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS nflog (key TEXT PRIMARY KEY, body TEXT NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS deliveries (seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL)");
      }
      return new SqliteAlertStore(c);
    } catch (SQLException e) {
      throw new IllegalStateException("alerts store: cannot open " + dataDir.resolve("alerts.db") + ": "
          + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void saveAlert(Alert a) {
    update("INSERT INTO alerts (rule, fingerprint, body) VALUES (?, ?, ?) ON CONFLICT (rule, fingerprint) DO UPDATE"
        + " SET body = excluded.body", a.rule(), a.fingerprint(), Codec.alert(a).encode());
  }

  @Override
  public synchronized void deleteAlert(String rule, String fingerprint) {
    update("DELETE FROM alerts WHERE rule = ? AND fingerprint = ?", rule, fingerprint);
  }

  @Override
  public synchronized List<Alert> alerts() {
    return query("SELECT body FROM alerts", Codec::alert);
  }

  @Override
  public synchronized void saveSilence(Silence s) {
    update("INSERT INTO silences (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body",
        s.id(), Codec.silence(s, null).encode());
  }

  @Override
  public synchronized List<Silence> silences() {
    return query("SELECT body FROM silences", Codec::silence);
  }

  @Override
  public synchronized void saveNflog(NflogEntry e) {
    update("INSERT INTO nflog (key, body) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET body = excluded.body",
        e.key(), Codec.nflog(e).encode());
  }

  @Override
  public synchronized List<NflogEntry> nflog() {
    return query("SELECT body FROM nflog", Codec::nflog);
  }

  @Override
  public synchronized void addDelivery(Delivery d, int keep) {
    update("INSERT INTO deliveries (body) VALUES (?)", Codec.delivery(d).encode());
    update("DELETE FROM deliveries WHERE seq <= (SELECT MAX(seq) FROM deliveries) - " + Math.max(1, keep));
  }

  @Override
  public synchronized List<Delivery> deliveries(int limit) {
    return query("SELECT body FROM deliveries ORDER BY seq DESC LIMIT " + Math.max(0, limit), Codec::delivery);
  }

  @Override
  public synchronized void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      throw new IllegalStateException("alerts store: close failed: " + e.getMessage(), e);
    }
  }

  private void update(String sql, String... args) {
    try (PreparedStatement p = conn.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setString(i + 1, args[i]);
      }
      p.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("alerts store: " + e.getMessage(), e);
    }
  }

  private <T> List<T> query(String sql, Function<JsonObject, T> decode) {
    List<T> out = new ArrayList<>();
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(decode.apply(new JsonObject(rs.getString(1))));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("alerts store: " + e.getMessage(), e);
    }
    return out;
  }
}
