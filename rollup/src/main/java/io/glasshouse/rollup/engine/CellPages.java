package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.store.CellRow;
import java.util.List;

/**
 * An immutable map from rollup series id to that series' in-memory minutes, as published to readers. Ids are
 * small dense longs, so this is a two-level array of pages; {@link #with} copies only the top level and the
 * pages it changes, so publishing after a drain costs what the drain touched, not the number of series.
 */
final class CellPages {
  private static final int BITS = 8;
  private static final int SIZE = 1 << BITS;
  static final CellPages EMPTY = new CellPages(new Object[0][]);

  private final Object[][] pages;

  private CellPages(Object[][] pages) {
    this.pages = pages;
  }

  /** The published minutes of series {@code id}, or an empty list. */
  @SuppressWarnings("unchecked")
  List<CellRow> get(long id) {
    int p = (int) (id >>> BITS);
    if (id < 0 || p >= pages.length || pages[p] == null) {
      return List.of();
    }
    Object v = pages[p][(int) (id & (SIZE - 1))];
    return v == null ? List.of() : (List<CellRow>) v;
  }

  /** A copy with {@code cells[i]} (null or empty: none) for series {@code ids[i]}; this one is unchanged. */
  CellPages with(long[] ids, List<List<CellRow>> cells) {
    if (ids.length == 0) {
      return this;
    }
    long maxId = 0;
    for (long id : ids) {
      maxId = Math.max(maxId, id);
    }
    Object[][] top = java.util.Arrays.copyOf(pages, Math.max(pages.length, (int) (maxId >>> BITS) + 1));
    boolean[] copied = new boolean[top.length];
    for (int i = 0; i < ids.length; i++) {
      int p = (int) (ids[i] >>> BITS);
      if (!copied[p]) {
        top[p] = top[p] == null ? new Object[SIZE] : top[p].clone();
        copied[p] = true;
      }
      List<CellRow> c = cells.get(i);
      top[p][(int) (ids[i] & (SIZE - 1))] = c == null || c.isEmpty() ? null : c;
    }
    return new CellPages(top);
  }
}
