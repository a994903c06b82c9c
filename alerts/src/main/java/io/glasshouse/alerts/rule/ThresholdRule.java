package io.glasshouse.alerts.rule;

import io.glasshouse.rollup.query.Aggregation;
import io.glasshouse.rollup.query.LabelMatcher;
import io.glasshouse.rollup.query.QueryService;
import io.glasshouse.rollup.query.RangeQuery;
import io.glasshouse.rollup.query.SeriesResult;
import io.glasshouse.rollup.query.StepWindows;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A threshold on a rollup query: {@code fn(metric{match})} of {@code service} over the last complete
 * {@code window} (e.g. p99 of {@code http_server_duration} over a minute), per {@code by} group, compared with
 * {@code threshold} by {@code op}. Each group crossing it is a candidate labelled {@code service} plus its group
 * labels. With {@code for: 5m} "p99 above 500 ms for 5 minutes".
 */
public final class ThresholdRule implements Rule {
  /** The comparison. */
  public enum Op {
    GT(">"), GE(">="), LT("<"), LE("<=");

    private final String text;

    Op(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }

    public boolean holds(double v, double threshold) {
      return switch (this) {
        case GT -> v > threshold;
        case GE -> v >= threshold;
        case LT -> v < threshold;
        case LE -> v <= threshold;
      };
    }

    /** Parses {@code >}, {@code >=}, {@code <}, {@code <=}. */
    public static Op parse(String s) {
      for (Op o : values()) {
        if (o.text.equals(s == null ? "" : s.trim())) {
          return o;
        }
      }
      throw new IllegalArgumentException("op must be one of >, >=, <, <=; got '" + s + "'");
    }
  }

  private final RuleSpec spec;
  private final QueryService queries;
  private final String service;
  private final String metric;
  private final Aggregation aggregation;
  private final List<LabelMatcher> matchers;
  private final List<String> by;
  private final Op op;
  private final double threshold;
  private final Duration window;

  public ThresholdRule(RuleSpec spec, QueryService queries, String service, String metric, Aggregation aggregation,
      List<LabelMatcher> matchers, List<String> by, Op op, double threshold, Duration window) {
    this.spec = spec;
    this.queries = queries;
    this.service = Objects.requireNonNull(service, "service");
    this.metric = Objects.requireNonNull(metric, "metric");
    this.aggregation = Objects.requireNonNull(aggregation, "aggregation");
    this.matchers = List.copyOf(matchers);
    this.by = List.copyOf(by);
    this.op = op;
    this.threshold = threshold;
    this.window = window;
  }

  @Override
  public RuleSpec spec() {
    return spec;
  }

  @Override
  public Future<List<Candidate>> evaluate(Instant now) {
    long step = window.toMillis();
    long end = Math.floorDiv(now.toEpochMilli(), step) * step;
    RangeQuery q;
    try {
      q = new RangeQuery(service, metric, aggregation, matchers, by, StepWindows.of(end - step, end, window));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return queries.query(q).map(result -> {
      List<Candidate> out = new ArrayList<>();
      for (SeriesResult s : result.series()) {
        if (s.points().isEmpty()) {
          continue;
        }
        double v = s.points().get(s.points().size() - 1).value();
        if (!op.holds(v, threshold)) {
          continue;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("service", service);
        for (int i = 0; i < s.labels().size(); i++) {
          labels.put(s.labels().name(i), s.labels().value(i));
        }
        Map<String, String> ann = new LinkedHashMap<>();
        ann.put("value", Template.number(v));
        ann.put("threshold", Template.number(threshold));
        ann.put("summary", aggregation.name() + " of " + metric + " of " + service + " is " + Template.number(v) + " "
            + op.text() + " " + Template.number(threshold) + " over the last " + BurnRateRule.human(window));
        ann.put("staff_url", StaffLinks.instances(service));
        out.add(Candidate.of(labels, ann, v));
      }
      return out;
    });
  }
}
