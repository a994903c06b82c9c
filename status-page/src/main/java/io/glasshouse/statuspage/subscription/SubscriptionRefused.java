package io.glasshouse.statuspage.subscription;

import io.glasshouse.rollup.problem.Problem;

/** A subscription request refused, with the problem to answer (what to fix). */
public final class SubscriptionRefused extends RuntimeException {
  private final transient Problem problem;

  public SubscriptionRefused(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
