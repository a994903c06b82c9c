package io.glasshouse.alerts.rule;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * An alerting rule: at each evaluation it says which alert instances' conditions hold now. The lifecycle
 * (pending for {@code for}, firing, kept firing for {@code keep_firing_for}, resolved) is the engine's, not the
 * rule's; {@link #spec()} carries those durations, the rule's extra labels and its annotation templates.
 *
 * <p>Contract: {@link #evaluate} never throws; a rule that cannot be evaluated fails its future with a message
 * a person can act on (shown on the staff API and counted in {@code /metrics}); its alerts then keep their state.
 * Candidates' labels need no {@code alertname}: the engine adds the rule's name unless the candidate set one.
 */
public interface Rule {
  RuleSpec spec();

  /** The alert instances whose conditions hold at {@code now}. */
  Future<List<Candidate>> evaluate(Instant now);

  /** Inhibition rules this rule brings with it (e.g. a faster tier muting a slower one); none by default. */
  default List<io.glasshouse.alerts.route.InhibitRule> inhibitions() {
    return List.of();
  }

  default String name() {
    return spec().name();
  }
}
