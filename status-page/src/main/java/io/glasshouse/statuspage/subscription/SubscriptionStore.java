package io.glasshouse.statuspage.subscription;

import io.vertx.core.json.JsonArray;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Subscriptions and their recent delivery failures in SQLite: {@code dataDir/subscriptions.db}, WAL mode with
 * {@code synchronous=FULL}, so a subscription acknowledged with 201 survives a crash. Signing secrets and
 * unsubscribe tokens are stored as they are (the server needs them to sign and to build unsubscribe links), so the
 * data folder must be protected like any other credential store. Blocking: call it off the event loops. One
 * connection, calls serialised.
 */
public final class SubscriptionStore implements AutoCloseable {
  /** The file's name in the data folder. */
  public static final String FILE = "subscriptions.db";
  /** Failures kept per subscription. */
  static final int KEEP_FAILURES = 20;

  private final Connection conn;

  private SubscriptionStore(Connection conn) {
    this.conn = conn;
  }

  /** Opens (creating if needed) {@code dataDir/subscriptions.db}. */
  public static SubscriptionStore open(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(FILE));
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("CREATE TABLE IF NOT EXISTS subscriptions (id TEXT PRIMARY KEY, url TEXT NOT NULL,"
            + " components TEXT NOT NULL, secret TEXT NOT NULL, token TEXT NOT NULL, created_at INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS failures (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
            + " subscription TEXT NOT NULL, at INTEGER NOT NULL, event TEXT NOT NULL, attempt INTEGER NOT NULL,"
            + " error TEXT NOT NULL, gave_up INTEGER NOT NULL)");
        s.execute("CREATE INDEX IF NOT EXISTS failures_by_subscription ON failures (subscription, seq)");
      }
      return new SubscriptionStore(c);
    } catch (SQLException e) {
      throw new IllegalStateException("subscriptions: cannot open " + dataDir.resolve(FILE) + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public synchronized void insert(Subscription s) {
    try (PreparedStatement p = conn.prepareStatement("INSERT INTO subscriptions (id, url, components, secret, token,"
        + " created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      p.setString(1, s.id());
      p.setString(2, s.url());
      p.setString(3, new JsonArray(s.components()).encode());
      p.setString(4, s.secret());
      p.setString(5, s.token());
      p.setLong(6, s.createdAt().toEpochMilli());
      p.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("subscriptions: cannot save " + s.id() + ": " + e.getMessage(), e);
    }
  }

  /** Deletes the subscription and its failures; false when there was none. */
  public synchronized boolean delete(String id) {
    try (PreparedStatement p = conn.prepareStatement("DELETE FROM subscriptions WHERE id = ?");
         PreparedStatement f = conn.prepareStatement("DELETE FROM failures WHERE subscription = ?")) {
      p.setString(1, id);
      f.setString(1, id);
      f.executeUpdate();
      return p.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new IllegalStateException("subscriptions: cannot delete " + id + ": " + e.getMessage(), e);
    }
  }

  /** Every subscription, oldest first. */
  public synchronized List<Subscription> all() {
    List<Subscription> out = new ArrayList<>();
    try (Statement s = conn.createStatement();
         ResultSet r = s.executeQuery("SELECT id, url, components, secret, token, created_at FROM subscriptions"
             + " ORDER BY created_at, id")) {
      while (r.next()) {
        List<String> components = new ArrayList<>();
        new JsonArray(r.getString(3)).forEach(c -> components.add(String.valueOf(c)));
        out.add(new Subscription(r.getString(1), r.getString(2), components, r.getString(4), r.getString(5),
            Instant.ofEpochMilli(r.getLong(6))));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("subscriptions: cannot read: " + e.getMessage(), e);
    }
  }

  /** Records a failure, keeping the last {@value #KEEP_FAILURES} of the subscription. */
  public synchronized void recordFailure(String subscription, DeliveryFailure f) {
    try (PreparedStatement p = conn.prepareStatement("INSERT INTO failures (subscription, at, event, attempt, error,"
        + " gave_up) VALUES (?, ?, ?, ?, ?, ?)");
         PreparedStatement trim = conn.prepareStatement("DELETE FROM failures WHERE subscription = ? AND seq NOT IN"
             + " (SELECT seq FROM failures WHERE subscription = ? ORDER BY seq DESC LIMIT " + KEEP_FAILURES + ")")) {
      p.setString(1, subscription);
      p.setLong(2, f.at().toEpochMilli());
      p.setString(3, f.event());
      p.setInt(4, f.attempt());
      p.setString(5, f.error());
      p.setInt(6, f.gaveUp() ? 1 : 0);
      p.executeUpdate();
      trim.setString(1, subscription);
      trim.setString(2, subscription);
      trim.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("subscriptions: cannot record a failure: " + e.getMessage(), e);
    }
  }

  /** The subscription's last failures, newest first. */
  public synchronized List<DeliveryFailure> failures(String subscription) {
    List<DeliveryFailure> out = new ArrayList<>();
    try (PreparedStatement p = conn.prepareStatement("SELECT at, event, attempt, error, gave_up FROM failures"
        + " WHERE subscription = ? ORDER BY seq DESC LIMIT " + KEEP_FAILURES)) {
      p.setString(1, subscription);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new DeliveryFailure(Instant.ofEpochMilli(r.getLong(1)), r.getString(2), r.getInt(3),
              r.getString(4), r.getInt(5) == 1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("subscriptions: cannot read failures: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      throw new IllegalStateException("subscriptions: cannot close: " + e.getMessage(), e);
    }
  }
}
