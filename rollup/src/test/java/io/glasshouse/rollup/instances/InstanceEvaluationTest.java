package io.glasshouse.rollup.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.glasshouse.rollup.sample.Buckets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Outliers among identical peers by median and MAD (issue 9, "Instances, without logging in to any"). */
class InstanceEvaluationTest {
  static final long T0 = 1_800_000_000_000L / 60_000 * 60_000;
  static final double[] BOUNDS = bounds();
  final InstanceHealthConfig config = InstanceHealthConfig.defaults();

  static double[] bounds() {
    double[] b = new double[80];
    for (int i = 0; i < b.length; i++) {
      b[i] = 1e-3 * Math.pow(1.12, i);
    }
    return b;
  }

  /** One instance's traffic for one minute: Poisson-ish requests, binomial errors, log-normal latency. */
  static void minute(InstanceRing ring, Random r, long minuteMs, double perMinute, double errorRatio,
      double medianSeconds) {
    int n = (int) Math.max(0, Math.round(perMinute + Math.sqrt(perMinute) * r.nextGaussian()));
    int errors = 0;
    long[] counts = new long[BOUNDS.length + 1];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (r.nextDouble() < errorRatio) {
        errors++;
      }
      double v = medianSeconds * Math.exp(0.4 * r.nextGaussian());
      int k = java.util.Arrays.binarySearch(BOUNDS, v);
      counts[k >= 0 ? k : -k - 1]++;
      sum += v;
    }
    ring.requests(0, minuteMs + 30_000, n - errors, false);
    ring.requests(0, minuteMs + 30_000, errors, true);
    ring.latency(0, minuteMs + 30_000, new Buckets(BOUNDS, counts, n, sum));
  }

  record Fleet(List<InstanceEvaluation.Member> members, List<InstanceRing> rings) {
  }

  static Fleet fleet(int size) {
    List<InstanceEvaluation.Member> m = new ArrayList<>();
    List<InstanceRing> rings = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      InstanceRing ring = new InstanceRing();
      rings.add(ring);
      m.add(new InstanceEvaluation.Member("i" + i, "2.3.1", true, T0, T0, ring));
    }
    return new Fleet(m, rings);
  }

  private static InstanceHealth of(ServiceHealth h, String id) {
    return h.instances().stream().filter(i -> i.instance().equals(id)).findFirst().orElseThrow();
  }

  /** Evaluates once a minute (as the refresh would) up to {@code minutes} after T0; returns the last result. */
  private ServiceHealth run(Fleet f, Random r, int minutes, double perMinute, Broken broken) {
    ServiceHealth last = null;
    for (int m = 0; m < minutes; m++) {
      long minuteMs = T0 + m * 60_000L;
      for (int i = 0; i < f.rings().size(); i++) {
        boolean bad = broken != null && i == broken.index && m >= broken.fromMinute;
        minute(f.rings().get(i), r, minuteMs, perMinute, bad ? broken.errorRatio : 0.002,
            bad ? broken.latency : 0.05);
      }
      last = InstanceEvaluation.evaluate(config, "web", f.members(), minuteMs + 60_000 + 25_000);
    }
    return last;
  }

  record Broken(int index, int fromMinute, double errorRatio, double latency) {
  }

  @Test
  void aHealthyFleetWithSeededNoiseFlagsNone() {
    for (int seed = 0; seed < 120; seed++) {
      Random r = new Random(seed);
      int size = 3 + seed % 12;
      double perMinute = 30 + r.nextInt(1200);
      ServiceHealth h = run(fleet(size), r, 20, perMinute, null);
      assertThat(h.outliers()).as("seed %d, %d instances, %.0f req/min", seed, size, perMinute).isEmpty();
      assertThat(h.instances()).allSatisfy(i -> assertThat(i.deviations()).noneMatch(Deviation::deviating));
    }
  }

  @Test
  void anInstanceWithManyErrorsIsFlaggedWithTheFiguresThatShowWhy() {
    Fleet f = fleet(5);
    ServiceHealth h = run(f, new Random(1), 12, 600, new Broken(3, 4, 0.2, 0.05));

    InstanceHealth bad = of(h, "i3");
    assertThat(bad.outlier()).isTrue();
    assertThat(bad.judgement()).isEqualTo(InstanceHealth.Judgement.JUDGED);
    Deviation d = bad.deviations().stream().filter(x -> x.signal().equals(Deviation.ERROR_RATIO)).findFirst()
        .orElseThrow();
    WindowFigures five = bad.figures().get(0);
    assertThat(five.window()).isEqualTo(Duration.ofMinutes(5));
    assertThat(d.value()).isEqualTo(five.errorRatio()).isCloseTo(0.2, within(0.03));
    assertThat(d.peerMedian()).isLessThan(0.01);
    assertThat(d.peers()).isEqualTo(5);
    assertThat(d.threshold()).isEqualTo(3.5);
    assertThat(d.minDifference()).isEqualTo(0.01);
    double scale = Math.max(1.4826 * d.mad(), d.minDifference() / d.threshold());
    assertThat(d.score()).isCloseTo((d.value() - d.peerMedian()) / scale, within(1e-9)).isGreaterThan(3.5);
    assertThat(d.deviatingSinceMs()).isNotNull();
    assertThat(five.requests()).isCloseTo(3000, within(300.0));
    assertThat(five.ratePerSecond()).isCloseTo(10, within(1.0));
    assertThat(h.outliers()).extracting(InstanceHealth::instance).containsExactly("i3");
    assertThat(of(h, "i0").deviations()).noneMatch(Deviation::deviating);
  }

  @Test
  void aSlowInstanceIsFlaggedOnLatency() {
    ServiceHealth h = run(fleet(4), new Random(2), 10, 300, new Broken(0, 3, 0.002, 0.15));

    InstanceHealth slow = of(h, "i0");
    assertThat(slow.outlier()).isTrue();
    Deviation d = slow.deviations().stream().filter(x -> x.signal().equals(Deviation.LATENCY)).findFirst()
        .orElseThrow();
    assertThat(d.outlier()).isTrue();
    assertThat(d.quantile()).isEqualTo(0.9);
    assertThat(d.value() / d.peerMedian()).isGreaterThan(2.5);
    assertThat(d.minDifference()).isCloseTo(0.5 * d.peerMedian(), within(1e-12));
    assertThat(slow.deviations().stream().filter(x -> x.signal().equals(Deviation.ERROR_RATIO)))
        .noneMatch(Deviation::deviating);
    assertThat(h.outliers()).hasSize(1);
  }

  @Test
  void aDeviationIsFlaggedOnlyAfterItLastedTheConfiguredTime() {
    Fleet f = fleet(4);
    Random r = new Random(3);
    run(f, r, 6, 600, null);
    long minuteMs = T0 + 6 * 60_000L;
    for (InstanceRing ring : f.rings()) {
      minute(ring, r, minuteMs, 600, ring == f.rings().get(1) ? 0.5 : 0.002, 0.05);
    }
    long now = minuteMs + 60_000 + 25_000;
    ServiceHealth first = InstanceEvaluation.evaluate(config, "web", f.members(), now);
    Deviation d = of(first, "i1").deviations().get(0);
    assertThat(d.deviating()).isTrue();
    assertThat(d.deviatingSinceMs()).isEqualTo(now);
    assertThat(d.outlier()).isFalse();

    ServiceHealth later = InstanceEvaluation.evaluate(config, "web", f.members(), now + 59_000);
    assertThat(of(later, "i1").outlier()).isFalse();
    ServiceHealth after = InstanceEvaluation.evaluate(config, "web", f.members(), now + 60_000);
    assertThat(of(after, "i1").outlier()).isTrue();
    assertThat(of(after, "i1").deviations().get(0).deviatingSinceMs()).isEqualTo(now);
  }

  @Test
  void aNewcomerWithLittleTrafficIsNotJudgedAndNotFlagged() {
    Fleet f = fleet(4);
    Random r = new Random(4);
    run(f, r, 10, 600, null);
    // i0 dies (stale) and i9 replaces it with only its first 10 seconds of traffic, all of them slow errors
    List<InstanceEvaluation.Member> members = new ArrayList<>(f.members());
    InstanceEvaluation.Member dead = members.get(0);
    members.set(0, new InstanceEvaluation.Member(dead.instance(), dead.version(), false, T0, T0, dead.ring()));
    InstanceRing newcomer = new InstanceRing();
    long minuteMs = T0 + 10 * 60_000L;
    newcomer.requests(0, minuteMs + 5_000, 12, true);
    members.add(new InstanceEvaluation.Member("i9", "2.3.1", true, minuteMs, minuteMs, newcomer));
    for (int i = 1; i < 4; i++) {
      minute(f.rings().get(i), r, minuteMs, 600, 0.002, 0.05);
    }

    ServiceHealth h = InstanceEvaluation.evaluate(config, "web", members, minuteMs + 60_000 + 25_000);
    assertThat(of(h, "i9").judgement()).isEqualTo(InstanceHealth.Judgement.INSUFFICIENT_TRAFFIC);
    assertThat(of(h, "i0").judgement()).isEqualTo(InstanceHealth.Judgement.STALE);
    assertThat(h.outliers()).isEmpty();
    assertThat(of(h, "i9").figures().get(0).requests()).isEqualTo(12);
  }

  @Test
  void aTinyFleetIsNeverJudged() {
    ServiceHealth h = run(fleet(2), new Random(5), 10, 600, new Broken(1, 2, 0.5, 0.5));
    assertThat(h.instances()).allSatisfy(i -> {
      assertThat(i.judgement()).isEqualTo(InstanceHealth.Judgement.TOO_FEW_PEERS);
      assertThat(i.outlier()).isFalse();
    });
  }

  @Test
  void nearZeroErrorRatiosDoNotFlagEvenWhenPeersHaveNone() {
    Fleet f = fleet(5);
    for (int m = 0; m < 10; m++) {
      for (InstanceRing ring : f.rings()) {
        ring.requests(0, T0 + m * 60_000L, 1000, false);
      }
      f.rings().get(2).requests(0, T0 + m * 60_000L, 5, true); // 0.5%: peers 0%, MAD 0
    }
    ServiceHealth h = InstanceEvaluation.evaluate(config, "web", f.members(), T0 + 10 * 60_000L + 25_000);
    Deviation d = of(h, "i2").deviations().get(0);
    assertThat(d.mad()).isZero();
    assertThat(d.deviating()).isFalse();
    assertThat(Double.isFinite(d.score())).isTrue();
  }

  @Test
  void aMorePreferredRequestMetricReplacesALessPreferredOne() {
    InstanceRing ring = new InstanceRing();
    ring.requests(1, T0, 50, false);
    ring.requests(0, T0, 7, false);
    ring.requests(1, T0, 50, false);
    assertThat(ring.sums(T0 + 60_000, Duration.ofMinutes(5)).requests()).isEqualTo(7);
  }

  @Test
  void samplesOlderThanTheRingAreLeftOut() {
    InstanceRing ring = new InstanceRing();
    ring.requests(0, T0 + 30 * 60_000L, 1, false);
    ring.requests(0, T0, 1000, false);
    assertThat(ring.sums(T0 + 31 * 60_000L, Duration.ofMinutes(15)).requests()).isEqualTo(1);
  }
}
