package io.glasshouse.rollup.store;

import java.util.List;

/** Cells read from the store and the checkpoint generation the read saw. */
public record StoredCells(long generation, List<CellRow> rows) {
}
