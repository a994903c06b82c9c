package io.glasshouse.rollup.forecast;

import java.util.Arrays;
import java.util.StringJoiner;

/** A forecast made of one or more fitted models: their mean or their median. Immutable. */
final class Combination {
  private final int[] members;
  private final boolean median;

  Combination(int[] members, boolean median) {
    this.members = members.clone();
    this.median = median;
  }

  double forecast(FittedModel[] models, int origin, int h) {
    if (members.length == 1) {
      return models[members[0]].forecast(origin, h);
    }
    double[] v = new double[members.length];
    for (int i = 0; i < members.length; i++) {
      v[i] = models[members[i]].forecast(origin, h);
    }
    return combine(v);
  }

  /** Combines member forecasts given in member order. */
  double combine(double[] v) {
    if (v.length == 1) {
      return v[0];
    }
    if (median && v.length == 3) {
      return Math.max(Math.min(v[0], v[1]), Math.min(Math.max(v[0], v[1]), v[2]));
    }
    if (median) {
      double[] s = v.clone();
      Arrays.sort(s);
      int k = s.length / 2;
      return s.length % 2 == 1 ? s[k] : (s[k - 1] + s[k]) / 2;
    }
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    return sum / v.length;
  }

  int[] members() {
    return members.clone();
  }

  String name(FittedModel[] models) {
    if (members.length == 1) {
      return models[members[0]].name();
    }
    StringJoiner j = new StringJoiner(", ", median ? "median(" : "mean(", ")");
    for (int m : members) {
      j.add(models[m].name());
    }
    return j.toString();
  }
}
