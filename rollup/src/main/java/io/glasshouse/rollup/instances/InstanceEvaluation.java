package io.glasshouse.rollup.instances;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes a service's {@link ServiceHealth} from its instances' {@link InstanceRing}s: figures per window and,
 * on the judged window, each live instance with enough traffic against its peers by median and MAD (see
 * {@link Deviation}). Keeps when each instance began to deviate in its ring, so it runs where the rings live
 * (the engine's writer thread).
 */
public final class InstanceEvaluation {
  private InstanceEvaluation() {
  }

  /**
   * One instance of the registry.
   *
   * @param ring its recent minutes, or null when it never sent a request or latency metric
   */
  public record Member(String instance, String version, boolean live, long firstSeenMs, long lastSeenMs,
      InstanceRing ring) {
  }

  /** The service's health at {@code nowMs}; members in any order. */
  public static ServiceHealth evaluate(InstanceHealthConfig c, String service, List<Member> members, long nowMs) {
    long endMs = Math.floorDiv(nowMs - c.settle().toMillis(), 60_000L) * 60_000L;
    int n = members.size();
    List<List<WindowFigures>> figures = new ArrayList<>(n);
    InstanceRing.Sums[] judged = new InstanceRing.Sums[n];
    for (int i = 0; i < n; i++) {
      InstanceRing ring = members.get(i).ring() == null ? new InstanceRing() : members.get(i).ring();
      List<WindowFigures> f = new ArrayList<>();
      for (Duration w : c.windows()) {
        InstanceRing.Sums s = ring.sums(endMs, w);
        f.add(WindowFigures.of(w, s));
        if (w.equals(c.window())) {
          judged[i] = s;
        }
      }
      figures.add(f);
    }
    // who takes part: live, with enough requests; latency also needs enough observations
    boolean[] eligible = new boolean[n];
    boolean[] latencyEligible = new boolean[n];
    int nErr = 0;
    int nLat = 0;
    for (int i = 0; i < n; i++) {
      if (members.get(i).live() && judged[i].requests() >= c.minRequests()) {
        eligible[i] = true;
        nErr++;
        if (LatencySketch.count(judged[i].latency()) >= c.minRequests()) {
          latencyEligible[i] = true;
          nLat++;
        }
      }
    }
    double q = c.latencyQuantile();
    double[] ratios = new double[nErr];
    double[] latencies = new double[nLat];
    double[] latencyOf = new double[n];
    for (int i = 0, a = 0, b = 0; i < n; i++) {
      if (eligible[i]) {
        ratios[a++] = judged[i].errors() / judged[i].requests();
      }
      if (latencyEligible[i]) {
        latencyOf[i] = LatencySketch.quantile(judged[i].latency(), q);
        latencies[b++] = latencyOf[i];
      }
    }
    double errMedian = RobustStats.median(ratios);
    double errMad = RobustStats.mad(ratios, errMedian);
    double latMedian = RobustStats.median(latencies);
    double latMad = RobustStats.mad(latencies, latMedian);
    double latMinDiff = nLat == 0 ? c.minLatencyDifference()
        : Math.max(c.minLatencyDifference(), (c.minLatencyRatio() - 1) * latMedian);

    List<InstanceHealth> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Member m = members.get(i);
      InstanceRing ring = m.ring();
      InstanceHealth.Judgement j;
      List<Deviation> devs = new ArrayList<>(2);
      if (!m.live()) {
        j = InstanceHealth.Judgement.STALE;
      } else if (!eligible[i]) {
        j = InstanceHealth.Judgement.INSUFFICIENT_TRAFFIC;
      } else if (nErr < c.minPeers()) {
        j = InstanceHealth.Judgement.TOO_FEW_PEERS;
      } else {
        j = InstanceHealth.Judgement.JUDGED;
        double ratio = judged[i].errors() / judged[i].requests();
        boolean dev = deviates(ratio, errMedian, errMad, c.threshold(), c.minErrorRatioDifference());
        ring.errorSinceMs = since(ring.errorSinceMs, dev, nowMs);
        devs.add(deviation(Deviation.ERROR_RATIO, Double.NaN, ratio, errMedian, errMad, c.threshold(),
            c.minErrorRatioDifference(), nErr, dev, ring.errorSinceMs, nowMs, c));
        if (latencyEligible[i] && nLat >= c.minPeers()) {
          boolean ldev = deviates(latencyOf[i], latMedian, latMad, c.threshold(), latMinDiff);
          ring.latencySinceMs = since(ring.latencySinceMs, ldev, nowMs);
          devs.add(deviation(Deviation.LATENCY, q, latencyOf[i], latMedian, latMad, c.threshold(), latMinDiff, nLat,
              ldev, ring.latencySinceMs, nowMs, c));
        } else {
          ring.latencySinceMs = Long.MIN_VALUE;
        }
      }
      if (j != InstanceHealth.Judgement.JUDGED && ring != null) {
        ring.errorSinceMs = Long.MIN_VALUE;
        ring.latencySinceMs = Long.MIN_VALUE;
      }
      boolean outlier = devs.stream().anyMatch(Deviation::outlier);
      out.add(new InstanceHealth(m.instance(), m.version(), m.live(), m.firstSeenMs(), m.lastSeenMs(),
          List.copyOf(figures.get(i)), j, List.copyOf(devs), outlier));
    }
    out.sort((a, b) -> a.instance().compareTo(b.instance()));
    return new ServiceHealth(service, nowMs, endMs, c.window(), out);
  }

  private static double scale(double mad, double threshold, double minDiff) {
    return Math.max(Math.max(RobustStats.MAD_TO_SIGMA * mad, minDiff / threshold), 1e-12);
  }

  static boolean deviates(double value, double median, double mad, double threshold, double minDiff) {
    double score = (value - median) / scale(mad, threshold, minDiff);
    return score > threshold && value - median >= minDiff;
  }

  private static long since(long since, boolean deviating, long nowMs) {
    if (!deviating) {
      return Long.MIN_VALUE;
    }
    return since == Long.MIN_VALUE ? nowMs : since;
  }

  private static Deviation deviation(String signal, double quantile, double value, double median, double mad,
      double threshold, double minDiff, int peers, boolean deviating, long sinceMs, long nowMs,
      InstanceHealthConfig c) {
    double score = (value - median) / scale(mad, threshold, minDiff);
    boolean outlier = deviating && nowMs - sinceMs >= c.deviationFor().toMillis();
    return new Deviation(signal, quantile, value, median, mad, score, threshold, minDiff, peers, deviating,
        deviating ? sinceMs : null, outlier);
  }
}
