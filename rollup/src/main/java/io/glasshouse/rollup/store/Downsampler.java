package io.glasshouse.rollup.store;

import io.glasshouse.rollup.series.CellAccumulator;
import io.glasshouse.rollup.series.Resolution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rolls minute cell rows up into hour or day rows: one row per series and hour (or day), the exact merge of the
 * minutes in it ({@link CellAccumulator}). Stores use it to merge a checkpoint's minute deltas into their hour
 * and day cells in the checkpoint's own transaction.
 */
public final class Downsampler {
  private Downsampler() {
  }

  /** {@code minutes} merged per series and cell of {@code to}, in first-seen order; new rows, inputs unchanged. */
  public static List<CellRow> rollUp(List<CellRow> minutes, Resolution to) {
    Map<Key, CellAccumulator> acc = new HashMap<>();
    List<Key> order = new ArrayList<>();
    for (CellRow r : minutes) {
      Key k = new Key(r.seriesId(), to.floor(r.cell().minuteMs()));
      CellAccumulator a = acc.get(k);
      if (a == null) {
        a = new CellAccumulator();
        acc.put(k, a);
        order.add(k);
      }
      a.add(r.cell(), r.lastTs());
    }
    List<CellRow> out = new ArrayList<>(order.size());
    for (Key k : order) {
      CellAccumulator a = acc.get(k);
      out.add(new CellRow(k.seriesId, a.toCell(k.startMs), a.lastTs()));
    }
    return out;
  }

  private record Key(long seriesId, long startMs) {
  }
}
