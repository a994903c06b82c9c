package io.glasshouse.rollup.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {
  private final AnomalyDetector detector = AnomalyDetector.defaults();

  @Test
  void spikeInASeasonalSeriesIsFlaggedAndOrdinaryNoiseRarelyIs() {
    IntToDoubleFunction truth = Synthetic.seasonal(100, 0, 20, 0);
    int n = 10 * Synthetic.DAY;
    double[] v = Synthetic.sample(truth, n, 1.0, 11).values();
    int spike = 8 * Synthetic.DAY + 17;
    v[spike] += 15;
    List<AnomalyPoint> points = detector.score(new Series(Synthetic.START, Synthetic.FIVE_MIN, v));
    assertThat(points).hasSize(n);
    assertThat(points.get(spike).flagged()).isTrue();
    assertThat(points.get(spike).score()).isGreaterThan(0.9);
    long falseFlags = points.stream().filter(AnomalyPoint::flagged).count() - 1;
    assertThat(falseFlags).isLessThan(n / 500);
  }

  @Test
  void probationPointsScoreZero() {
    Series s = Synthetic.sample(Synthetic.seasonal(100, 0, 20, 0), 10 * Synthetic.DAY, 1.0, 12);
    List<AnomalyPoint> points = detector.score(s);
    // probation: 15% of the series, but at least two days
    int probation = Math.max((int) Math.round(AnomalyDetector.PROBATION * s.size()), 2 * Synthetic.DAY);
    assertThat(points.subList(0, probation)).allMatch(p -> p.score() == 0 && !p.flagged());
    assertThat(points.subList(probation + 1, s.size())).allMatch(p -> Double.isFinite(p.expected()));
  }

  @Test
  void levelShiftIsFlaggedThenLearned() {
    int n = 10 * Synthetic.DAY;
    int shift = 8 * Synthetic.DAY;
    IntToDoubleFunction truth = i -> Synthetic.seasonal(100, 0, 20, 0).applyAsDouble(i) + (i >= shift ? 30 : 0);
    List<AnomalyPoint> points = detector.score(Synthetic.sample(truth, n, 1.0, 13));
    assertThat(points.subList(shift, shift + 3)).anyMatch(AnomalyPoint::flagged);
    assertThat(points.subList(shift + Synthetic.DAY / 2, n)).noneMatch(AnomalyPoint::flagged);
  }

  @Test
  void gapsScoreZeroAndDoNotBreakTheStream() {
    double[] v = Synthetic.sample(Synthetic.seasonal(100, 0, 20, 0), 10 * Synthetic.DAY, 1.0, 14).values();
    for (int i = 5 * Synthetic.DAY; i < 5 * Synthetic.DAY + 30; i++) {
      v[i] = Double.NaN;
    }
    List<AnomalyPoint> points = detector.score(new Series(Synthetic.START, Synthetic.FIVE_MIN, v));
    assertThat(points.get(5 * Synthetic.DAY + 3).score()).isZero();
    assertThat(points.subList(6 * Synthetic.DAY, 10 * Synthetic.DAY).stream().filter(AnomalyPoint::flagged).count())
        .isLessThan(5);
  }

  @Test
  void scoreIsHalfAtTheConfiguredDeviation() {
    assertThat(AnomalyDetector.of(4, 0.5).scoreOf(4)).isEqualTo(0.5);
    assertThat(detector.scoreOf(0)).isLessThan(0.001);
    assertThat(detector.scoreOf(10)).isGreaterThan(0.999);
  }
}
