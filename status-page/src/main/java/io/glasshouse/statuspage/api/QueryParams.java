package io.glasshouse.statuspage.api;

import io.glasshouse.rollup.query.Aggregation;
import io.glasshouse.rollup.query.LabelMatcher;
import io.glasshouse.rollup.query.QueryException;
import io.glasshouse.rollup.query.RangeQuery;
import io.glasshouse.rollup.query.SelectorParser;
import io.glasshouse.rollup.query.StepWindows;
import io.glasshouse.rollup.query.SyntaxException;
import io.glasshouse.rollup.query.TimeSyntax;
import io.vertx.core.MultiMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the query endpoint's request parameters into a {@link RangeQuery}. Every problem is a
 * {@link QueryException} naming the parameter.
 *
 * <p>Defaults: {@code to} = now (from the clock), {@code from} = {@code to} minus one hour, {@code step} = 1m.
 * {@code match} may be repeated; all its matchers must hold.
 */
final class QueryParams {
  static final Duration DEFAULT_RANGE = Duration.ofHours(1);
  static final Duration DEFAULT_STEP = Duration.ofMinutes(1);

  private QueryParams() {
  }

  static RangeQuery parse(String service, String metric, MultiMap params, Clock clock) {
    Aggregation aggregation = Aggregation.parse(single(params, "fn"), single(params, "q"), single(params, "threshold"));
    List<LabelMatcher> matchers = new ArrayList<>();
    for (String m : params.getAll("match")) {
      try {
        matchers.addAll(SelectorParser.parse(m));
      } catch (SyntaxException e) {
        throw QueryException.badParameter("match", "Parameter 'match' is not a valid selector: " + e.getMessage()
            + ". Expected e.g. match=status=~\"5..\",uri!=\"/health\".");
      }
    }
    List<String> by = RangeQuery.parseBy(single(params, "by"));
    String toText = single(params, "to");
    String fromText = single(params, "from");
    Instant to = toText == null ? clock.instant() : instant("to", toText);
    Instant from = fromText == null ? to.minus(DEFAULT_RANGE) : instant("from", fromText);
    String stepText = single(params, "step");
    Duration step = stepText == null ? DEFAULT_STEP : duration("step", stepText);
    StepWindows windows = StepWindows.of(from.toEpochMilli(), to.toEpochMilli(), step);
    return new RangeQuery(service, metric, aggregation, matchers, by, windows);
  }

  private static String single(MultiMap params, String name) {
    List<String> all = params.getAll(name);
    if (all.size() > 1) {
      throw QueryException.badParameter(name, "Parameter '" + name + "' is given " + all.size()
          + " times; give it once.");
    }
    return all.isEmpty() ? null : all.get(0);
  }

  private static Instant instant(String name, String text) {
    try {
      return TimeSyntax.parseInstant(text);
    } catch (SyntaxException e) {
      throw QueryException.badParameter(name, "Parameter '" + name + "': " + e.getMessage() + ".");
    }
  }

  private static Duration duration(String name, String text) {
    try {
      return TimeSyntax.parseDuration(text);
    } catch (SyntaxException e) {
      throw QueryException.badParameter(name, "Parameter '" + name + "': " + e.getMessage() + ".");
    }
  }
}
