package io.glasshouse.statuspage.staff;

import io.glasshouse.rollup.instances.Deviation;
import io.glasshouse.rollup.instances.InstanceHealth;
import io.glasshouse.rollup.instances.ServiceHealth;
import io.glasshouse.rollup.instances.WindowFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code /staff/services/{service}/instances} shows: each instance's figures over the judged window against
 * its peers' median, outliers first and marked in words ("Outlier: …") with the figures that flag them.
 *
 * @param health null when instance health is not computed yet for the service
 * @param peers per signal, the peers' median and spread (from any judged instance), in words
 */
public record InstancesPage(String service, ServiceHealth health, String window, List<Row> rows, List<String> peers,
    int outliers) {

  /**
   * One instance.
   *
   * @param verdict "Outlier", "Deviating", "In line with peers", or why it was not compared
   * @param flags the deviations that flag it, each with its figures in words
   */
  public record Row(String instance, String version, boolean live, String verdict, boolean outlier, String rate,
      String errorRatio, String p50, String p99, List<String> flags, String lastSeen) {
  }

  static InstancesPage of(String service, ServiceHealth health) {
    if (health == null) {
      return new InstancesPage(service, null, null, List.of(), List.of(), 0);
    }
    List<Row> rows = new ArrayList<>();
    List<String> peers = new ArrayList<>();
    for (InstanceHealth i : health.instances()) {
      WindowFigures f = i.figures().stream().filter(w -> w.window().equals(health.judgedWindow())).findFirst()
          .orElse(i.figures().isEmpty() ? null : i.figures().get(i.figures().size() - 1));
      List<String> flags = new ArrayList<>();
      boolean deviating = false;
      for (Deviation d : i.deviations()) {
        if (peers.size() < 2 && peers.stream().noneMatch(p -> p.startsWith(signal(d)))) {
          peers.add(signal(d) + ": peers' median " + value(d, d.peerMedian()) + ", MAD " + value(d, d.mad())
              + " over " + d.peers() + " instances; flagged above a score of " + Figures.number(d.threshold(), 1)
              + " and at least " + value(d, d.minDifference()) + " above the median");
        }
        if (d.deviating()) {
          deviating = true;
          flags.add(signal(d) + " " + value(d, d.value()) + " vs peers' median " + value(d, d.peerMedian())
              + " (score " + Figures.number(d.score(), 1) + " > " + Figures.number(d.threshold(), 1) + ")"
              + (d.deviatingSinceMs() == null ? "" : ", since " + Figures.time(d.deviatingSinceMs())));
        }
      }
      String verdict = switch (i.judgement()) {
        case JUDGED -> i.outlier() ? "Outlier" : deviating ? "Deviating (not yet for long enough)"
            : "In line with peers";
        case STALE -> "Not compared: stale";
        case INSUFFICIENT_TRAFFIC -> "Not compared: too little traffic";
        case TOO_FEW_PEERS -> "Not compared: too few peers";
      };
      rows.add(new Row(i.instance(), i.version() == null ? "—" : i.version(), i.live(), verdict, i.outlier(),
          f == null ? Figures.NO_DATA : Figures.number(f.ratePerSecond(), 2) + "/s",
          f == null ? Figures.NO_DATA : Figures.percent(f.errorRatio(), 2),
          f == null ? Figures.NO_DATA : Figures.millis(f.p50()),
          f == null ? Figures.NO_DATA : Figures.millis(f.p99()), flags, Figures.time(i.lastSeenMs())));
    }
    rows.sort(java.util.Comparator.comparing((Row r) -> !r.outlier()).thenComparing(r -> r.flags().isEmpty())
        .thenComparing(Row::instance));
    int outliers = (int) rows.stream().filter(Row::outlier).count();
    return new InstancesPage(service, health, Figures.duration(health.judgedWindow()), rows, peers, outliers);
  }

  private static String signal(Deviation d) {
    return Deviation.LATENCY.equals(d.signal())
        ? "latency p" + String.format(Locale.ROOT, "%.0f", d.quantile() * 100).replace(".0", "") : "error ratio";
  }

  private static String value(Deviation d, double v) {
    return Deviation.LATENCY.equals(d.signal()) ? Figures.millis(v) : Figures.percent(v, 2);
  }
}
