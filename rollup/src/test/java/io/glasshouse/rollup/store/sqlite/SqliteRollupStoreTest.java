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
import io.glasshouse.rollup.store.StoredPendingParts;
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

  @Test
  void aDataFolderWrittenBeforeDownsamplingGetsItsHoursAndDaysFromItsMinutesWhenOpened() throws Exception {
    long day = M0 / 86_400_000L * 86_400_000L;
    SeriesKey key = new SeriesKey("api", "req", MetricKind.COUNTER, Labels.EMPTY);
    List<io.glasshouse.rollup.store.CellRow> minutes = new java.util.ArrayList<>();
    for (int m = 0; m < 3 * 24 * 60; m += 7) {
      minutes.add(new io.glasshouse.rollup.store.CellRow(1, new io.glasshouse.rollup.series.MinuteCell(day + m * 60_000L,
          m % 5, Double.NaN, Double.NaN, 0, 0, Double.NaN, null), Long.MIN_VALUE));
    }
    await(store.write(new Checkpoint(1, 1, M0, List.of(new StoredSeries(1, key)), minutes, List.of(), List.of(),
        List.of(), List.of())));
    await(store.close());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("glasshouse.db"))) {
      c.createStatement().execute("DROP TABLE hour_cells"); // as written before downsampling existed
      c.createStatement().execute("DROP TABLE day_cells");
    }
    store = createStore(vertx);
    await(store.open());

    for (io.glasshouse.rollup.series.Resolution r : List.of(io.glasshouse.rollup.series.Resolution.HOUR,
        io.glasshouse.rollup.series.Resolution.DAY)) {
      java.util.Map<Long, Double> expected = new java.util.TreeMap<>();
      minutes.forEach(row -> expected.merge(r.floor(row.cell().minuteMs()), row.cell().increase(), Double::sum));
      java.util.Map<Long, Double> stored = new java.util.TreeMap<>();
      await(store.read(List.of(1L), 0, Long.MAX_VALUE, r)).rows()
          .forEach(row -> stored.put(row.cell().minuteMs(), row.cell().increase()));
      assertThat(stored).as(r.name()).isEqualTo(expected);
    }
    await(store.close());
    store = createStore(vertx);
    await(store.open()); // opening again does not downsample twice
    assertThat(await(store.read(List.of(1L), 0, Long.MAX_VALUE, io.glasshouse.rollup.series.Resolution.DAY)).rows())
        .extracting(r -> r.cell().increase())
        .containsExactly(minutes.stream().filter(r -> r.cell().minuteMs() < day + 86_400_000L)
            .mapToDouble(r -> r.cell().increase()).sum(), minutes.stream()
            .filter(r -> r.cell().minuteMs() >= day + 86_400_000L && r.cell().minuteMs() < day + 2 * 86_400_000L)
            .mapToDouble(r -> r.cell().increase()).sum(), minutes.stream()
            .filter(r -> r.cell().minuteMs() >= day + 2 * 86_400_000L).mapToDouble(r -> r.cell().increase()).sum());
  }

  @Test
  void aDataFolderWrittenBeforePendingHistogramPartsWereStoredOpensAndStoresThemFromItsNextCheckpoint()
      throws Exception {
    writeOneSeries();
    await(store.close());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("glasshouse.db"))) {
      c.createStatement().execute("DROP TABLE pending_histogram_parts"); // as written before issue #7's fix
    }
    store = createStore(vertx);
    await(store.open());

    StoredState old = await(store.load());
    assertThat(old.series()).hasSize(1);
    assertThat(old.instanceSeries()).hasSize(1);
    assertThat(old.pendingParts()).isEmpty();

    StoredPendingParts pending = new StoredPendingParts(1, Labels.of("instance", "i-1", "__name__", "lat"),
        new byte[] {1, 2, 3});
    await(store.write(new Checkpoint(2, 2, M0, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of(pending))));
    StoredPendingParts loaded = await(store.load()).pendingParts().get(0);
    assertThat(loaded.seriesId()).isEqualTo(1);
    assertThat(loaded.labels()).isEqualTo(pending.labels());
    assertThat(loaded.state()).containsExactly(1, 2, 3);
  }
}
