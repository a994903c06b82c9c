package io.glasshouse.bench.soak;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A store outage caused from outside the server: another process (this one) takes SQLite's write lock on the
 * data folder's database with {@code BEGIN EXCLUSIVE} and holds it, so every checkpoint transaction of the
 * server fails with "database is locked" until it is released. (Making the file read-only does not work: the
 * server holds it open, and the benchmark may run as root.) Readers are not blocked (WAL mode).
 */
final class StoreOutage implements AutoCloseable {
  private final Connection connection;

  private StoreOutage(Connection connection) {
    this.connection = connection;
  }

  /** Takes the write lock, waiting up to 30 s for a checkpoint in progress to finish. */
  static StoreOutage begin(Path database) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
    try (Statement st = c.createStatement()) {
      st.execute("PRAGMA busy_timeout = 30000");
      st.execute("BEGIN EXCLUSIVE");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return new StoreOutage(c);
  }

  /** Releases the lock (rolls back the empty transaction). */
  @Override
  public void close() throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("ROLLBACK");
    } finally {
      connection.close();
    }
  }
}
