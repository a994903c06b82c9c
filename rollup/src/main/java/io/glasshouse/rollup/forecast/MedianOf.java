package io.glasshouse.rollup.forecast;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * The median of a few models' forecasts, itself a candidate. On bursty, mostly-flat series (counts that are zero
 * most of the time) the median of the naive forecasts ignores a burst that one of them repeats, where any weighted
 * mean would carry part of it forward; the backtest decides whether that helps.
 */
final class MedianOf implements FittedModel {
  private final FittedModel[] members;
  private final String name;
  private final int warmup;

  MedianOf(FittedModel... members) {
    this.members = members.clone();
    StringJoiner j = new StringJoiner(", ", "median(", ")");
    int w = 0;
    for (FittedModel m : members) {
      j.add(m.name());
      w = Math.max(w, m.warmup());
    }
    this.name = j.toString();
    this.warmup = w;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int warmup() {
    return warmup;
  }

  @Override
  public double forecast(int origin, int h) {
    double[] v = new double[members.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = members[i].forecast(origin, h);
    }
    Arrays.sort(v);
    int k = v.length / 2;
    return v.length % 2 == 1 ? v[k] : (v[k - 1] + v[k]) / 2;
  }
}
