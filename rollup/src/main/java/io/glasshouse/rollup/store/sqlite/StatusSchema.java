package io.glasshouse.rollup.store.sqlite;

import java.util.List;

/**
 * The component-status tables, a schema step of their own (created by {@link SqliteStatusStore#open()}, beside
 * and independent of the rollup tables): daily history per component, the overrides in force, and the override
 * audit trail. All times are epoch milliseconds (UTC); days are ISO dates ({@code 2026-03-02}) of UTC days.
 */
final class StatusSchema {
  static final List<String> STATEMENTS = List.of(
      "CREATE TABLE IF NOT EXISTS status_day (component TEXT NOT NULL, day TEXT NOT NULL,"
          + " operational_ms INTEGER NOT NULL, degraded_ms INTEGER NOT NULL, partial_ms INTEGER NOT NULL,"
          + " major_ms INTEGER NOT NULL, maintenance_ms INTEGER NOT NULL, PRIMARY KEY (component, day)) WITHOUT ROWID",
      "CREATE INDEX IF NOT EXISTS status_day_by_day ON status_day (day)",
      "CREATE TABLE IF NOT EXISTS status_override (component TEXT PRIMARY KEY, status TEXT NOT NULL,"
          + " reason TEXT NOT NULL, by TEXT NOT NULL, set_at INTEGER NOT NULL, expires_at INTEGER NOT NULL)",
      "CREATE TABLE IF NOT EXISTS status_override_audit (id INTEGER PRIMARY KEY AUTOINCREMENT,"
          + " component TEXT NOT NULL, action TEXT NOT NULL, by TEXT NOT NULL, at INTEGER NOT NULL,"
          + " before TEXT, after TEXT)",
      "CREATE INDEX IF NOT EXISTS status_override_audit_by_component ON status_override_audit (component, id)");

  private StatusSchema() {
  }
}
