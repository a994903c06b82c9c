package io.glasshouse.alerts.rule;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the rules on one SLO's figures share: the SLO's name, the {@link BurnRates} they read, and saying why they
 * cannot be evaluated while no SLO evaluation is connected or the SLO's figures cannot be read (a failed
 * evaluation, shown on the staff view and in {@code /metrics}).
 */
abstract class SloRule implements Rule {
  private final RuleSpec spec;
  final String slo;
  final BurnRates burnRates;
  private final String reads;

  /** @param reads what the rule reads of the SLO, for the message while nothing is connected */
  SloRule(RuleSpec spec, String slo, BurnRates burnRates, String reads) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.slo = Objects.requireNonNull(slo, "slo");
    this.burnRates = burnRates;
    this.reads = reads;
  }

  @Override
  public RuleSpec spec() {
    return spec;
  }

  @Override
  public final Future<List<Candidate>> evaluate(Instant now) {
    if (burnRates == null) {
      return Future.failedFuture(new IllegalStateException("no SLO evaluation is connected, so the " + reads
          + " of SLO " + slo + " cannot be read"));
    }
    try {
      return Future.succeededFuture(candidates(now));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** The candidates at {@code now}, read from {@link #burnRates} (connected). */
  abstract List<Candidate> candidates(Instant now);
}
