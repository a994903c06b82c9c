/** The embedded default store: SQLite in the data folder, WAL mode, through the Vert.x JDBC client. */
package io.glasshouse.rollup.store.sqlite;
