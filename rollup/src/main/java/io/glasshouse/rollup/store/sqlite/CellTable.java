package io.glasshouse.rollup.store.sqlite;

import io.glasshouse.rollup.series.Resolution;

/**
 * The table of each {@link Resolution}: {@code cells} (minutes, keyed by {@code minute}) and {@code hour_cells},
 * {@code day_cells} (keyed by the cell's {@code start}). All three have the same columns and the same merge.
 */
enum CellTable {
  MINUTE("cells", "minute"),
  HOUR("hour_cells", "start"),
  DAY("day_cells", "start");

  final String table;
  final String key;
  /** Merges a row into what is stored, as {@link io.glasshouse.rollup.store.RollupStore#write} describes. */
  final String merge;

  CellTable(String table, String key) {
    this.table = table;
    this.key = key;
    this.merge = "INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" + mergeClause(key);
  }

  static CellTable of(Resolution r) {
    return switch (r) {
      case MINUTE -> MINUTE;
      case HOUR -> HOUR;
      case DAY -> DAY;
    };
  }

  /** The {@code ON CONFLICT … DO UPDATE} clause that merges an incoming row ({@code excluded}) into the stored one. */
  static String mergeClause(String key) {
    return " ON CONFLICT (series_id, " + key + ") DO UPDATE SET"
        + " increase = increase + excluded.increase,"
        + " min = CASE WHEN min IS NULL THEN excluded.min WHEN excluded.min IS NULL THEN min"
        + "   ELSE MIN(min, excluded.min) END,"
        + " max = CASE WHEN max IS NULL THEN excluded.max WHEN excluded.max IS NULL THEN max"
        + "   ELSE MAX(max, excluded.max) END,"
        + " sum = sum + excluded.sum, count = count + excluded.count,"
        + " last = CASE WHEN excluded.last_ts >= last_ts THEN excluded.last ELSE last END,"
        + " last_ts = MAX(last_ts, excluded.last_ts),"
        + " hist = hist_merge(hist, excluded.hist)";
  }

  /** The {@code CREATE TABLE} of a coarser resolution (the minute table is created by the base schema). */
  String createTable() {
    return "CREATE TABLE IF NOT EXISTS " + table + " (series_id INTEGER NOT NULL, " + key + " INTEGER NOT NULL,"
        + " increase DOUBLE NOT NULL, min DOUBLE, max DOUBLE, sum DOUBLE NOT NULL, count INTEGER NOT NULL, last DOUBLE,"
        + " last_ts INTEGER NOT NULL, hist BLOB, PRIMARY KEY (series_id, " + key + ")) WITHOUT ROWID";
  }

  String createIndex() {
    return "CREATE INDEX IF NOT EXISTS " + table + "_by_" + key + " ON " + table + " (" + key + ")";
  }
}
