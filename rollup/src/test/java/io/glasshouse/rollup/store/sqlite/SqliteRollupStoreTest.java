package io.glasshouse.rollup.store.sqlite;

import io.glasshouse.rollup.store.RollupStore;
import io.glasshouse.rollup.store.RollupStoreContract;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteRollupStoreTest extends RollupStoreContract {
  @TempDir
  Path dir;

  @Override
  protected RollupStore createStore(Vertx vertx) {
    return SqliteRollupStore.create(vertx, dir);
  }
}
