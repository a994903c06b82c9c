package io.glasshouse.rollup.forecast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores each point of a series by how far it is from a causal one-step forecast.
 *
 * <p>Contract: {@link #score} walks the series once, in time order; the score of point {@code t} depends only on
 * points before it, so the same code runs on a live stream. The first {@link #PROBATION} of the series (at least
 * two days when the step allows a daily model) is the probation period: a damped Holt-Winters model (daily season
 * when there are three days of it, level only otherwise) is fitted there and those points score 0. After that,
 * residuals are divided by a robust running scale (an exponentially weighted mean absolute residual, clipped so one
 * spike cannot inflate it) and mapped to [0, 1] by a logistic centred at {@code z} standard deviations. The model
 * learns from an observation clipped to the band around its forecast (Huber-style), except after
 * {@link #SHIFT_RUN} consecutive residuals beyond the band on the same side, when it accepts a level shift and
 * learns from the raw values. Pure and thread-safe.
 */
public final class AnomalyDetector {
  /** Fraction of the series used to fit, as in the NAB protocol. */
  public static final double PROBATION = 0.15;
  /** Residual size, in robust standard deviations, that scores 0.5. */
  public static final double DEFAULT_Z = 5.0;
  /** Consecutive same-side outliers after which the model follows the data again. */
  public static final int SHIFT_RUN = 12;
  private static final double CLIP = 3.0;

  private final double z;
  private final double threshold;

  private AnomalyDetector(double z, double threshold) {
    this.z = z;
    this.threshold = threshold;
  }

  /** Flags points scoring at least 0.5, i.e. residuals of {@link #DEFAULT_Z} robust standard deviations. */
  public static AnomalyDetector defaults() {
    return new AnomalyDetector(DEFAULT_Z, 0.5);
  }

  /** A detector whose score is 0.5 at {@code z} robust standard deviations and flags at {@code threshold}. */
  public static AnomalyDetector of(double z, double threshold) {
    if (!(z > 0) || !(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("need z > 0 and 0 < threshold < 1, got " + z + ", " + threshold);
    }
    return new AnomalyDetector(z, threshold);
  }

  /** The score of a residual {@code |r| / sigma = zScore}: a logistic in z, 0.5 at this detector's z. */
  public double scoreOf(double zScore) {
    return 1 / (1 + Math.exp(-2 * (zScore - z)));
  }

  /** Scores every point of {@code series}. */
  public List<AnomalyPoint> score(Series series) {
    double[] v = series.raw();
    int n = v.length;
    List<AnomalyPoint> out = new ArrayList<>(n);
    int day = Periods.day(series.stepMs());
    int probation = Math.max((int) Math.round(PROBATION * n), Math.min(n, day > 0 ? 2 * day : 10));
    int first = 0;
    while (first < n && !Double.isFinite(v[first])) {
      first++;
    }
    int last = Math.min(n, probation) - 1;
    while (last > first && !Double.isFinite(v[last])) {
      last--;
    }
    Online model = last - first >= 3 ? Online.fit(Arrays.copyOfRange(v, first, last + 1), day) : null;
    for (int i = 0; i < n; i++) {
      Instant t = Instant.ofEpochMilli(series.timeAt(i));
      if (model == null || i <= last) {
        out.add(new AnomalyPoint(t, v[i], Double.NaN, 0, false));
        continue;
      }
      double expected = model.hw.predict();
      if (!Double.isFinite(v[i])) {
        model.hw.skip();
        out.add(new AnomalyPoint(t, v[i], expected, 0, false));
        continue;
      }
      double sigma = model.sigma(i);
      double r = v[i] - expected;
      double zScore = sigma > 0 ? Math.abs(r) / sigma : (r == 0 ? 0 : Double.POSITIVE_INFINITY);
      double score = scoreOf(zScore);
      out.add(new AnomalyPoint(t, v[i], expected, score, score >= threshold));
      model.learn(i, v[i], r, sigma);
    }
    return out;
  }

  /** The online model: Holt-Winters state plus the residual scale. */
  private static final class Online {
    final HoltWinters.Online hw;
    final double lambda;
    final double floor;
    final int slotSteps;
    final double[] slotMeanAbs;
    double meanAbs;
    int run;

    private Online(HoltWinters.Online hw, double meanAbs, double lambda, double floor, int day) {
      this.hw = hw;
      this.meanAbs = meanAbs;
      this.lambda = lambda;
      this.floor = floor;
      // residual scale per hour of the day (24 slots) when the step divides a day, so busy hours are judged by
      // their own noise
      this.slotSteps = day >= 24 ? day / 24 : 0;
      this.slotMeanAbs = new double[slotSteps > 0 ? 24 : 0];
      java.util.Arrays.fill(slotMeanAbs, meanAbs);
    }

    private int slot(int i) {
      return slotSteps == 0 ? -1 : Math.min(23, (i % (slotSteps * 24)) / slotSteps);
    }

    static Online fit(double[] prefix, int day) {
      Preparation prep = Preparation.of(prefix, day);
      double[] y = prep.clean;
      int n = y.length;
      HoltWinters hw = day > 0 && n >= 3 * day ? HoltWinters.fit(y, prep.observed, day, false, "day") : null;
      if (hw == null) {
        hw = HoltWinters.fit(y, prep.observed, 1, false, "none");
      }
      FittedModel model = hw;
      if (model == null) {
        return null;
      }
      int from = Math.max(model.warmup(), n / 3);
      double[] abs = new double[Math.max(1, n - 1 - from)];
      int k = 0;
      for (int t = from; t < n - 1; t++) {
        if (prep.observed[t + 1]) {
          abs[k++] = Math.abs(prefix[t + 1] - model.forecast(t, 1));
        }
      }
      double[] sorted = Arrays.copyOf(abs, Math.max(1, k));
      Arrays.sort(sorted);
      // median |r| * 1.4826 is sigma for Gaussian residuals; keep it as a mean-absolute equivalent (sigma * 0.8)
      double sigma = 1.4826 * sorted[sorted.length / 2];
      double range = 0;
      for (double x : y) {
        range = Math.max(range, Math.abs(x));
      }
      double floor = Math.max(1e-9, 1e-6 * range);
      double lambda = 1.0 / Math.max(50, day > 0 ? day : 288);
      Online online = new Online(hw.online(n - 1), 0.8 * sigma, lambda, floor, day);
      return online;
    }

    /** The robust scale at index i: the larger of half the overall scale and the scale of its hour of day. */
    double sigma(int i) {
      int s = slot(i);
      double m = s < 0 ? meanAbs : Math.max(0.5 * meanAbs, slotMeanAbs[s]);
      return Math.max(m / 0.8, floor);
    }

    void learn(int i, double y, double r, double sigma) {
      double band = CLIP * sigma;
      if (Math.abs(r) > band) {
        run = (run > 0) == (r > 0) && run != 0 ? run + (r > 0 ? 1 : -1) : (r > 0 ? 1 : -1);
      } else {
        run = 0;
      }
      boolean shifted = Math.abs(run) >= SHIFT_RUN;
      double learnFrom = shifted ? y : hw.predict() + Math.max(-band, Math.min(band, r));
      hw.update(learnFrom);
      double clipped = Math.min(Math.abs(r), band);
      meanAbs = (1 - lambda) * meanAbs + lambda * clipped;
      int s = slot(i);
      if (s >= 0) {
        double slotLambda = Math.min(0.5, 24 * lambda);
        slotMeanAbs[s] = (1 - slotLambda) * slotMeanAbs[s] + slotLambda * clipped;
      }
    }
  }
}
