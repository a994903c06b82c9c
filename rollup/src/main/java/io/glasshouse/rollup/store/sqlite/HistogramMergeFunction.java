package io.glasshouse.rollup.store.sqlite;

import io.glasshouse.rollup.store.CellBlob;
import java.sql.SQLException;
import org.sqlite.Function;

/**
 * SQL function {@code hist_merge(a, b)}: the merge of two cell blobs ({@link CellBlob}: histograms, or a gauge's
 * per-instance last readings); either may be NULL.
 */
final class HistogramMergeFunction extends Function {
  @Override
  protected void xFunc() throws SQLException {
    byte[] a = value_blob(0);
    byte[] b = value_blob(1);
    if (a == null || a.length == 0) {
      result(b);
      return;
    }
    if (b == null || b.length == 0) {
      result(a);
      return;
    }
    try {
      result(CellBlob.merge(a, b));
    } catch (RuntimeException e) {
      throw new SQLException(e.getMessage(), e);
    }
  }
}
