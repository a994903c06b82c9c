package io.glasshouse.rollup.store.sqlite;

import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.Resolution;
import io.glasshouse.rollup.store.CellBlob;
import io.glasshouse.rollup.store.CellRow;
import io.glasshouse.rollup.store.Checkpoint;
import io.glasshouse.rollup.store.Codecs;
import io.glasshouse.rollup.store.Downsampler;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * A checkpoint's rows as SQL parameters: histograms and labels encoded, hour and day cells rolled up. Building
 * them is CPU work that grows with the checkpoint (a backfill's final checkpoint encodes millions of histogram
 * buckets), so {@link SqliteRollupStore} builds them on its encoder thread, never on an event loop; the event
 * loop only hands the finished tuples to the connection.
 */
final class CheckpointRows {
  final List<Tuple> series = new ArrayList<>();
  /** Minute cells that could be encoded, and their tuples, index for index. */
  final List<CellRow> cells = new ArrayList<>();
  final List<Tuple> cellTuples = new ArrayList<>();
  final List<Tuple> instances = new ArrayList<>();
  final List<Tuple> instanceSeries = new ArrayList<>();
  final List<Tuple> evictedInstanceSeries = new ArrayList<>();
  final List<Tuple> evictedInstances = new ArrayList<>();
  final List<Tuple> retiredSeries = new ArrayList<>();
  final List<Tuple> pendingParts = new ArrayList<>();
  /** Cells left out because they cannot be encoded, described for the log. */
  final List<String> quarantined = new ArrayList<>();

  private CheckpointRows() {
  }

  /** Encodes every row of {@code cp}; cells that cannot be encoded are quarantined. Runs on the encoder thread. */
  static CheckpointRows of(Checkpoint cp) {
    CheckpointRows r = new CheckpointRows();
    cp.newSeries().forEach(s -> r.series.add(Tuple.of(s.id(), s.key().service(), s.key().metric(),
        s.key().kind().name(), Codecs.labelsToBytes(s.key().labels()))));
    Encoded minutes = encode(cp.cells(), "");
    r.cells.addAll(minutes.rows);
    r.cellTuples.addAll(minutes.tuples);
    r.quarantined.addAll(minutes.quarantined);
    cp.instances().forEach(i -> r.instances.add(Tuple.of(i.service(), i.instance(), i.firstSeenMs(), i.lastSeenMs(),
        i.version() == null ? "" : i.version())));
    cp.instanceSeries().forEach(s -> r.instanceSeries.add(Tuple.of(s.id(), s.seriesId(), s.metric(),
        Codecs.labelsToBytes(s.labels()), nullIfNaN(s.lastValue()), Codecs.bucketsToBytes(s.lastBuckets()),
        s.startMs(), s.lastTs())));
    cp.evictedInstanceSeries().forEach(id -> r.evictedInstanceSeries.add(Tuple.of(id)));
    cp.evictedInstances().forEach(i -> r.evictedInstances.add(Tuple.of(i.service(), i.instance())));
    cp.retiredSeries().forEach(id -> r.retiredSeries.add(Tuple.of(id)));
    cp.pendingParts().forEach(p -> r.pendingParts.add(Tuple.of(p.seriesId(), Codecs.labelsToBytes(p.labels()),
        p.state())));
    return r;
  }

  /** Cell rows with their tuples; the ones that could not be encoded are described in {@link #quarantined}. */
  record Encoded(List<CellRow> rows, List<Tuple> tuples, List<String> quarantined) {
  }

  /** The {@code merged} minutes rolled up to {@code to} and encoded. Runs on the encoder thread. */
  static Encoded downsampled(List<CellRow> merged, Resolution to) {
    return encode(Downsampler.rollUp(merged, to), CellTable.of(to).table + " ");
  }

  private static Encoded encode(List<CellRow> rows, String prefix) {
    Encoded e = new Encoded(new ArrayList<>(rows.size()), new ArrayList<>(rows.size()), new ArrayList<>());
    for (CellRow row : rows) {
      try {
        e.tuples.add(cellTuple(row));
        e.rows.add(row);
      } catch (RuntimeException ex) {
        e.quarantined.add(prefix + describe(row, ex));
      }
    }
    return e;
  }

  static String describe(CellRow row, Throwable e) {
    return "series " + row.seriesId() + " minute " + java.time.Instant.ofEpochMilli(row.cell().minuteMs()) + ": "
        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }

  private static Tuple cellTuple(CellRow row) {
    MinuteCell c = row.cell();
    if (!Double.isFinite(c.increase()) || !Double.isFinite(c.sum())) {
      throw new IllegalArgumentException("increase " + c.increase() + " or sum " + c.sum() + " is not finite");
    }
    // blobs bind as byte arrays: the JDBC client cannot bind a Vert.x Buffer to SQLite
    return Tuple.from(new Object[] {row.seriesId(), c.minuteMs(), c.increase(), nullIfNaN(c.min()),
        nullIfNaN(c.max()), c.sum(), c.count(), nullIfNaN(c.last()), row.lastTs(),
        CellBlob.encode(c)});
  }

  private static Object nullIfNaN(double d) {
    return Double.isNaN(d) ? null : d;
  }
}
