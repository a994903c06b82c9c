package io.glasshouse.rollup.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.series.SeriesKey;
import io.glasshouse.rollup.store.Checkpoint;
import io.glasshouse.rollup.store.RollupStore;
import io.glasshouse.rollup.store.RollupStoreContract;
import io.glasshouse.rollup.store.StoredInstanceSeries;
import io.glasshouse.rollup.store.StoredSeries;
import io.glasshouse.rollup.store.StoredState;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteRollupStoreTest extends RollupStoreContract {
  @TempDir
  Path dir;

  @Override
  protected RollupStore createStore(Vertx vertx) {
    return SqliteRollupStore.create(vertx, dir);
  }

  private void writeOneSeries() {
    SeriesKey key = new SeriesKey("api", "req", MetricKind.COUNTER, Labels.of("status", "500"));
    await(store.write(new Checkpoint(1, 1, M0, List.of(new StoredSeries(1, key)), List.of(), List.of(),
        List.of(new StoredInstanceSeries(7, 1, "req", Labels.of("instance", "i-1", "status", "500"), 3, null, 0, M0)),
        List.of(), List.of())));
  }

  private void setLabelsColumns(Object value) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("glasshouse.db"))) {
      for (String table : List.of("series", "instance_series")) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET labels = ?")) {
          ps.setObject(1, value);
          ps.executeUpdate();
        }
      }
    }
  }

  @Test
  void labelsOfDataFoldersWrittenInTheSeparatorFormStillLoad() throws Exception {
    writeOneSeries();
    setLabelsColumns("status\u001f200\u001ecode\u001f\u001e");

    StoredState s = await(store.load());

    assertThat(s.series().get(0).key().labels()).isEqualTo(Labels.of("status", "200", "code", ""));
    assertThat(s.instanceSeries().get(0).labels()).isEqualTo(Labels.of("status", "200", "code", ""));
  }

  @Test
  void aLabelsRowThatCannotBeReadStopsLoadingNamingTheRowAndWhatToDo() throws Exception {
    writeOneSeries();
    setLabelsColumns(new byte[] {2, 5, 'a'});

    assertThatThrownBy(() -> await(store.load()))
        .hasMessageContaining("glasshouse.db")
        .hasMessageContaining("series row 1")
        .hasMessageContaining("backup");
  }
}
