package io.glasshouse.rollup.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.config.ConfigStore;
import io.glasshouse.rollup.config.ConfigStoreContract;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteConfigStoreTest extends ConfigStoreContract {
  @TempDir
  Path dir;

  @Override
  protected ConfigStore createStore(Vertx vertx) {
    return SqliteConfigStore.create(vertx, dir);
  }

  @Test
  void sharesTheRollupStoresFile() {
    SqliteRollupStore rollups = SqliteRollupStore.create(vertx, dir);
    await(rollups.open());
    await(store.apply(List.of(put("component", "a", new io.vertx.core.json.JsonObject().put("id", "a"), 1, null, 0))));
    await(rollups.load());
    await(rollups.close());
    assertThat(dir.resolve("glasshouse.db")).exists();
    assertThat(await(store.loadAll())).hasSize(1);
  }
}
