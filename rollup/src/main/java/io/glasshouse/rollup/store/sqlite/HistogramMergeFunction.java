package io.glasshouse.rollup.store.sqlite;

import io.glasshouse.rollup.store.Codecs;
import java.sql.SQLException;
import org.HdrHistogram.Histogram;
import org.sqlite.Function;

/** SQL function {@code hist_merge(a, b)}: the merge of two encoded histograms; either may be NULL. */
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
    Histogram h = Codecs.histogramFromBytes(a);
    h.add(Codecs.histogramFromBytes(b));
    result(Codecs.histogramToBytes(h));
  }
}
