package io.glasshouse.rollup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.store.CellRow;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Snapshots copy only the dirty cells that changed since the previous snapshot; the others share their copy. */
class SnapshotCopiesTest {
  static final long T0 = EngineFixture.T0.toEpochMilli();
  final RollupState state = new RollupState(EngineFixture.config(1000));
  final SnapshotPublisher publisher = new SnapshotPublisher();
  final Labels labels = Labels.of("service", "web", "instance", "a");

  private void counter(long minute, double increase) {
    state.apply(List.of(Sample.deltaCounter("jobs", labels, T0 + minute * 60_000, increase)), null, T0, Protocol.JSON);
  }

  private List<CellRow> cells(ReadSnapshot snap) {
    long id = snap.services().get("web").seriesByMetric().get("jobs").get(0).id();
    return snap.memory().get(id);
  }

  @Test
  void anUnchangedCellKeepsItsCopyAndAChangedOneIsCopiedAgain() {
    for (int m = 0; m < 40; m++) { // more than the index threshold
      counter(m, 1);
    }
    List<CellRow> first = cells(publisher.publish(state, 0, null));
    counter(7, 2);
    List<CellRow> second = cells(publisher.publish(state, 0, null));

    assertThat(second).hasSize(40);
    assertThat(second.get(3)).isSameAs(first.get(3));
    assertThat(second.get(7)).isNotSameAs(first.get(7));
    assertThat(second.get(7).cell().increase()).isEqualTo(3);
    assertThat(first.get(7).cell().increase()).isEqualTo(1);
  }

  @Test
  void aCellAddedAfterManyIsFoundAgainByItsMinute() {
    for (int m = 0; m < 40; m++) {
      counter(m, 1);
    }
    counter(39, 1);
    counter(0, 1);
    assertThat(cells(publisher.publish(state, 0, null))).hasSize(40)
        .extracting(r -> r.cell().increase()).containsOnly(1.0, 2.0).filteredOn(v -> v == 2.0).hasSize(2);
  }
}
