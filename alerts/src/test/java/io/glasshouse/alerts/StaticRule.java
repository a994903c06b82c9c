package io.glasshouse.alerts;

import io.glasshouse.alerts.rule.Candidate;
import io.glasshouse.alerts.rule.Rule;
import io.glasshouse.alerts.rule.RuleSpec;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test rule whose condition holds for whatever label sets the test puts in {@link #active}. */
final class StaticRule implements Rule {
  final List<Map<String, String>> active = new CopyOnWriteArrayList<>();
  /** Annotations every candidate carries besides its summary (a rule's figures). */
  final Map<String, String> figures = new java.util.concurrent.ConcurrentHashMap<>();
  private final RuleSpec spec;

  StaticRule(RuleSpec spec) {
    this.spec = spec;
  }

  @Override
  public RuleSpec spec() {
    return spec;
  }

  @Override
  public Future<List<Candidate>> evaluate(Instant now) {
    return Future.succeededFuture(active.stream().map(l -> {
      Map<String, String> ann = new java.util.TreeMap<>(figures);
      ann.putIfAbsent("summary", "test " + l);
      return Candidate.of(l, ann, 1);
    }).toList());
  }
}
