package io.glasshouse.alerts.rule;

import io.glasshouse.alerts.route.InhibitRule;
import io.glasshouse.alerts.route.Matcher;
import io.glasshouse.rollup.capacity.CapacitySnapshot;
import io.glasshouse.rollup.forecast.Forecast;
import io.glasshouse.rollup.forecast.HorizonForecast;
import io.glasshouse.rollup.forecast.PathPoint;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Capacity exhaustion, a leading indicator: pages when the upper bound of the 80% forecast interval reaches the
 * indicator's capacity within {@code pageWithin} (default 4 h), tickets within {@code ticketWithin} (default 7 d).
 * The candidate (labels {@code indicator}, {@code service}, {@code tier}, {@code severity}) carries the forecast:
 * model, when the upper-80 bound and the point forecast reach capacity, capacity, current use, and the forecast
 * with its 80% interval at each horizon. A page mutes the ticket of the same indicator ({@link #inhibitions()}).
 */
public final class CapacityRule implements Rule {
  private final RuleSpec spec;
  private final CapacityForecasts forecasts;
  private final Set<String> indicators;
  private final Duration pageWithin;
  private final Duration ticketWithin;
  private final String pageSeverity;
  private final String ticketSeverity;

  /** @param indicators the indicator names to watch; empty watches all */
  public CapacityRule(RuleSpec spec, CapacityForecasts forecasts, Set<String> indicators, Duration pageWithin,
      Duration ticketWithin, String pageSeverity, String ticketSeverity) {
    this.spec = spec;
    this.forecasts = forecasts;
    this.indicators = Set.copyOf(indicators);
    this.pageWithin = pageWithin;
    this.ticketWithin = ticketWithin;
    this.pageSeverity = pageSeverity;
    this.ticketSeverity = ticketSeverity;
  }

  @Override
  public RuleSpec spec() {
    return spec;
  }

  @Override
  public Future<List<Candidate>> evaluate(Instant now) {
    if (forecasts == null) {
      return Future.failedFuture(new IllegalStateException("no capacity planner is connected"));
    }
    var latest = forecasts.latest();
    if (latest.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Candidate> out = new ArrayList<>();
    for (CapacitySnapshot s : latest.get().indicators()) {
      if (!indicators.isEmpty() && !indicators.contains(s.name())) {
        continue;
      }
      Optional<Instant> upper = upper80Exhaustion(s);
      if (upper.isEmpty()) {
        continue;
      }
      Duration left = Duration.between(s.computedAt(), upper.get());
      left = left.isNegative() ? Duration.ZERO : left;
      String tier = left.compareTo(pageWithin) < 0 ? "page" : left.compareTo(ticketWithin) < 0 ? "ticket" : null;
      if (tier != null) {
        out.add(candidate(s, tier, upper.get(), left));
      }
    }
    return Future.succeededFuture(out);
  }

  private Candidate candidate(CapacitySnapshot s, String tier, Instant upper, Duration left) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("indicator", s.name());
    labels.put("service", s.indicator().service());
    labels.put("tier", tier);
    labels.put("severity", "page".equals(tier) ? pageSeverity : ticketSeverity);
    Map<String, String> ann = new LinkedHashMap<>();
    String unit = s.indicator().unit().map(u -> " " + u).orElse("");
    ann.put("capacity", Template.number(s.capacity()) + unit);
    ann.put("current", Template.number(s.current()) + unit);
    ann.put("forecast_model", s.model().orElse("?"));
    ann.put("forecast_interval", "80%");
    ann.put("exhaustion_upper80_at", upper.toString());
    s.pointExhaustionAt().ifPresent(p -> ann.put("exhaustion_point_at", p.toString()));
    ann.put("time_to_exhaustion", BurnRateRule.human(Duration.ofMinutes(left.toMinutes())));
    StringBuilder horizons = new StringBuilder();
    for (HorizonForecast h : s.horizons()) {
      horizons.append(BurnRateRule.human(h.horizon())).append(": ").append(Template.number(h.point())).append(" [")
          .append(Template.number(h.lo80())).append(", ").append(Template.number(h.hi80())).append("]; ");
    }
    if (horizons.length() > 0) {
      ann.put("forecast", horizons.substring(0, horizons.length() - 2));
    }
    ann.put("summary", s.name() + " of " + s.indicator().service() + " may reach its capacity of "
        + Template.number(s.capacity()) + unit + " within " + BurnRateRule.human(Duration.ofMinutes(left.toMinutes()))
        + " (upper 80% forecast, " + s.model().orElse("?") + "); now " + Template.number(s.current()) + unit);
    ann.put("staff_url", StaffLinks.CAPACITY);
    return Candidate.of(labels, ann, left.toSeconds());
  }

  /**
   * When the upper bound of the 80% interval first reaches capacity, interpolated along the forecast path; the
   * last observation's time when the current value already reaches it; empty without forecast or crossing.
   */
  public static Optional<Instant> upper80Exhaustion(CapacitySnapshot s) {
    if (s.error().isPresent() || s.forecast().isEmpty() || !Double.isFinite(s.capacity())) {
      return Optional.empty();
    }
    double cap = s.capacity();
    Forecast f = s.forecast().get();
    if (Double.isFinite(s.current()) && s.current() >= cap) {
      return Optional.of(s.currentAt().orElse(f.origin()));
    }
    Instant prevT = f.origin();
    double prev = Double.isFinite(s.current()) ? s.current() : Double.NaN;
    for (PathPoint p : f.path()) {
      if (p.hi80() >= cap) {
        if (!Double.isFinite(prev) || p.hi80() == prev) {
          return Optional.of(p.time());
        }
        double frac = Math.max(0, Math.min(1, (cap - prev) / (p.hi80() - prev)));
        long ms = Duration.between(prevT, p.time()).toMillis();
        return Optional.of(prevT.plusMillis(Math.round(frac * ms)));
      }
      prevT = p.time();
      prev = p.hi80();
    }
    return Optional.empty();
  }

  /** A page on an indicator mutes its ticket. */
  @Override
  public List<InhibitRule> inhibitions() {
    return List.of(new InhibitRule(
        List.of(Matcher.of("alertname", Matcher.Op.EQ, spec.name()), Matcher.of("tier", Matcher.Op.EQ, "page")),
        List.of(Matcher.of("alertname", Matcher.Op.EQ, spec.name()), Matcher.of("tier", Matcher.Op.EQ, "ticket")),
        List.of("indicator")));
  }
}
