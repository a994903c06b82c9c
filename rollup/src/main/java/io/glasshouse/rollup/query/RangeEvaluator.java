package io.glasshouse.rollup.query;

import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.WellKnownLabels;
import io.glasshouse.rollup.series.InstanceLasts;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.Resolution;
import io.glasshouse.rollup.series.SeriesCells;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates a {@link RangeQuery} over the series a {@link io.glasshouse.rollup.series.RollupReader} returned.
 * A pure function: no I/O, no clock, the cells are not modified.
 *
 * <p>Each series goes into the group of its {@code by} labels (one group, with no labels, when {@code by} is
 * empty). For each group and step window, the minute cells inside the window from every series of the group
 * are folded by the query's function. A window in which the group has no minute at all yields no point, for
 * every kind, counters included: absent means "no data", a 0 means "counted zero events". Cells outside the
 * windows are ignored. Groups come out in label order; a group with no point in the whole range is left out.
 *
 * <p>{@code fn=last} grouped {@code by} {@code instance} (a label the rollup series do not keep) splits each gauge
 * cell into its instances' last readings ({@link io.glasshouse.rollup.series.InstanceLasts}): one group per
 * instance; cells without per-instance readings (older data) land in the group without the label.
 */
public final class RangeEvaluator {
  private RangeEvaluator() {
  }

  /** Evaluates over minute cells. */
  public static QueryResult evaluate(RangeQuery query, List<SeriesCells> series) {
    return evaluate(query, series, Resolution.MINUTE);
  }

  /**
   * Evaluates over cells of {@code resolution}, which must tile the query's step windows (each cell inside one
   * window): then every function gives what it gives over the minutes in those cells.
   */
  public static QueryResult evaluate(RangeQuery query, List<SeriesCells> series, Resolution resolution) {
    StepWindows w = query.windows();
    Map<Labels, WindowAccumulator[]> groups = new TreeMap<>();
    int ordinal = 0;
    boolean perInstance = query.aggregation().function() == QueryFunction.LAST
        && query.by().contains(WellKnownLabels.INSTANCE);
    for (SeriesCells s : series) {
      Labels group = query.by().isEmpty() ? Labels.EMPTY : s.key().labels().filter(query.by()::contains);
      for (MinuteCell cell : s.cells()) {
        int i = w.indexOf(cell.minuteMs());
        if (i < 0) {
          continue;
        }
        if (perInstance && cell.lasts() != null) {
          for (int k = 0; k < cell.lasts().size(); k++) {
            add(groups, group.with(WellKnownLabels.INSTANCE, cell.lasts().instance(k)), i, oneInstance(cell, k),
                ordinal, query, w);
          }
        } else {
          add(groups, group, i, cell, ordinal, query, w);
        }
      }
      ordinal++;
    }
    List<SeriesResult> out = new ArrayList<>(groups.size());
    groups.forEach((labels, acc) -> {
      List<SeriesResult.Point> points = new ArrayList<>();
      for (int i = 0; i < acc.length; i++) {
        if (acc[i] != null) {
          double v = acc[i].value();
          if (Double.isFinite(v)) {
            points.add(new SeriesResult.Point(w.pointTimeMs(i), v));
          }
        }
      }
      if (!points.isEmpty()) {
        out.add(new SeriesResult(labels, points));
      }
    });
    return new QueryResult(query.service(), query.metric(), query.aggregation().name(), w.startMs(), w.endMs(),
        w.stepMs(), out, resolution);
  }

  private static void add(Map<Labels, WindowAccumulator[]> groups, Labels group, int window, MinuteCell cell,
      int ordinal, RangeQuery query, StepWindows w) {
    WindowAccumulator[] acc = groups.computeIfAbsent(group, g -> new WindowAccumulator[w.count()]);
    if (acc[window] == null) {
      acc[window] = WindowAccumulator.create(query.aggregation(), w.stepMs());
    }
    acc[window].add(cell, ordinal);
  }

  /** The last reading of the {@code k}-th instance of a gauge cell, as a cell of its own. */
  private static MinuteCell oneInstance(MinuteCell cell, int k) {
    InstanceLasts l = cell.lasts();
    double v = l.value(k);
    return new MinuteCell(cell.minuteMs(), 0, v, v, v, 1, v, null,
        InstanceLasts.of(new String[] {l.instance(k)}, new double[] {v}, new long[] {l.timestampMs(k)}));
  }
}
