package io.glasshouse.alerts.rule;

import io.glasshouse.alerts.route.InhibitRule;
import io.glasshouse.alerts.route.Matcher;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Multi-window, multi-burn-rate SLO alerting as in the SRE workbook (chapter 5, alert 6). For a 30-day window:
 * page when the 1h and 5m burn rates both exceed 14.4 (2% of the budget in an hour) or the 6h and 30m rates
 * exceed 6 (5% in six hours); ticket when 1d and 2h exceed 3 (10% in a day) or 3d and 6h exceed 1 (10% in three
 * days). For other SLO windows the factors scale so that the same share of budget triggers them:
 * {@code factor = share × sloWindow / longWindow}.
 *
 * <p>One candidate per tier that fires, labelled {@code slo}, {@code tier} and {@code severity}; annotations say
 * which window pair fired with both burn rates and the threshold, how much budget is gone and when it runs out at
 * the long window's rate. {@link #inhibitions()} gives the rules by which a faster tier firing mutes the slower
 * tiers of the same SLO.
 */
public final class BurnRateRule implements Rule {
  /** A pair of windows and the share of the SLO window's budget that, spent within the long window, fires it. */
  public record WindowPair(Duration longWindow, Duration shortWindow, double budgetShare) {
    /** The burn-rate factor for an SLO window. */
    public double factor(Duration sloWindow) {
      return budgetShare * sloWindow.toMillis() / longWindow.toMillis();
    }

    public String label() {
      return human(longWindow) + "/" + human(shortWindow);
    }
  }

  /** A tier: its name ({@code page}, {@code ticket}), its severity label, on or off, and its window pairs. */
  public record Tier(String name, String severity, boolean enabled, List<WindowPair> pairs) {
    public Tier {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(severity, "severity");
      pairs = List.copyOf(pairs);
    }

    public Tier withSeverity(String s) {
      return new Tier(name, s, enabled, pairs);
    }

    public Tier enabled(boolean on) {
      return new Tier(name, severity, on, pairs);
    }
  }

  /** The workbook's page tier: 1h/5m at 2% and 6h/30m at 5% of the budget. */
  public static Tier page() {
    return new Tier("page", "page", true, List.of(
        new WindowPair(Duration.ofHours(1), Duration.ofMinutes(5), 0.02),
        new WindowPair(Duration.ofHours(6), Duration.ofMinutes(30), 0.05)));
  }

  /** The workbook's ticket tier: 1d/2h and 3d/6h at 10% of the budget. */
  public static Tier ticket() {
    return new Tier("ticket", "ticket", true, List.of(
        new WindowPair(Duration.ofDays(1), Duration.ofHours(2), 0.10),
        new WindowPair(Duration.ofDays(3), Duration.ofHours(6), 0.10)));
  }

  private final RuleSpec spec;
  private final String slo;
  private final Duration sloWindow;
  private final List<Tier> tiers;
  private final BurnRates burnRates;
  private final InstanceHealthSource instances;

  /**
   * @param tiers fastest first (a tier inhibits the ones after it)
   */
  public BurnRateRule(RuleSpec spec, String slo, Duration sloWindow, List<Tier> tiers, BurnRates burnRates) {
    this(spec, slo, sloWindow, tiers, burnRates, null);
  }

  /**
   * @param tiers fastest first (a tier inhibits the ones after it)
   * @param instances where the page text finds the instances and versions involved; null to leave them out
   */
  public BurnRateRule(RuleSpec spec, String slo, Duration sloWindow, List<Tier> tiers, BurnRates burnRates,
      InstanceHealthSource instances) {
    this.instances = instances;
    this.spec = spec;
    this.slo = Objects.requireNonNull(slo, "slo");
    this.sloWindow = Objects.requireNonNull(sloWindow, "sloWindow");
    this.tiers = List.copyOf(tiers);
    this.burnRates = burnRates;
  }

  @Override
  public RuleSpec spec() {
    return spec;
  }

  public String slo() {
    return slo;
  }

  public List<Tier> tiers() {
    return tiers;
  }

  @Override
  public Future<List<Candidate>> evaluate(Instant now) {
    if (burnRates == null) {
      return Future.failedFuture(new IllegalStateException("no SLO evaluation is connected, so the burn rates of SLO "
          + slo + " cannot be read"));
    }
    try {
      List<Candidate> out = new ArrayList<>();
      for (Tier t : tiers) {
        if (!t.enabled()) {
          continue;
        }
        for (WindowPair p : t.pairs()) {
          double factor = p.factor(sloWindow);
          double longRate = burnRates.burnRate(slo, p.longWindow(), now);
          double shortRate = burnRates.burnRate(slo, p.shortWindow(), now);
          if (longRate > factor && shortRate > factor) {
            out.add(candidate(t, p, factor, longRate, shortRate, now));
            break;
          }
        }
      }
      if (out.isEmpty() || instances == null) {
        return Future.succeededFuture(out);
      }
      String service = burnRates.facts(slo, now).map(BurnRates.SloFacts::service).orElse(null);
      if (service == null) {
        return Future.succeededFuture(out);
      }
      return instances.health(service).map(h -> Involved.of(h).map(inv -> out.stream()
          .map(c -> inv.annotate(c)).toList()).orElse(out))
          .recover(err -> Future.succeededFuture(out));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Candidate candidate(Tier t, WindowPair p, double factor, double longRate, double shortRate, Instant now) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("slo", slo);
    labels.put("tier", t.name());
    labels.put("severity", t.severity());
    Map<String, String> ann = new LinkedHashMap<>();
    ann.put("window_pair", p.label());
    ann.put("burn_rate_long", Template.number(longRate));
    ann.put("burn_rate_short", Template.number(shortRate));
    ann.put("burn_rate_threshold", Template.number(factor));
    String runsOut = "";
    var budget = burnRates.budget(slo, now);
    if (budget.isPresent()) {
      BurnRates.Budget b = budget.get();
      ann.put("budget_consumed", Template.number(100 * b.consumed()) + "%");
      ann.put("budget_remaining", Template.number(100 * b.remaining()) + "%");
      long ms = (long) (b.remaining() * sloWindow.toMillis() / longRate);
      Instant out = now.plusMillis(ms);
      ann.put("budget_exhausted_at", out.toString());
      runsOut = b.remaining() <= 0 ? "; the budget is spent" : "; " + Template.number(100 * b.consumed())
          + "% of the budget is gone; at this rate it runs out in " + human(Duration.ofMillis(ms)) + " (" + out + ")";
      ann.put("slo_target", Template.number(100 * b.target()) + "%");
    }
    var facts = burnRates.facts(slo, now);
    if (facts.isPresent() && b(facts.get()) != null) {
      Instant f = facts.get().exhaustedAtForecastTraffic();
      ann.put("budget_exhausted_at_forecast", f.toString());
      runsOut += ", at forecast traffic in " + human(Duration.ofMinutes(Math.max(0,
          Duration.between(now, f).toMinutes()))) + " (" + f + ")";
    } else if (facts.isPresent() && budget.isPresent() && budget.get().remaining() > 0) {
      String note = facts.get().forecastNote();
      runsOut += "; at forecast traffic " + (note == null || note.isBlank() ? "it lasts the window" : note);
    }
    ann.put("summary", "SLO " + slo + " burns its error budget " + Template.number(longRate) + "× too fast over "
        + human(p.longWindow()) + " (" + Template.number(shortRate) + "× over " + human(p.shortWindow())
        + "; " + t.name() + " threshold " + Template.number(factor) + "×)" + runsOut);
    ann.put("staff_url", StaffLinks.slo(slo));
    return Candidate.of(labels, ann, longRate);
  }

  private static Instant b(BurnRates.SloFacts f) {
    return f.exhaustedAtForecastTraffic();
  }

  /**
   * Inhibition rules: each enabled tier firing mutes every later tier of the same SLO (and rule).
   */
  @Override
  public List<InhibitRule> inhibitions() {
    List<InhibitRule> out = new ArrayList<>();
    for (int i = 0; i < tiers.size(); i++) {
      for (int j = i + 1; j < tiers.size(); j++) {
        out.add(new InhibitRule(
            List.of(Matcher.of("alertname", Matcher.Op.EQ, spec.name()), Matcher.of("tier", Matcher.Op.EQ,
                tiers.get(i).name())),
            List.of(Matcher.of("alertname", Matcher.Op.EQ, spec.name()), Matcher.of("tier", Matcher.Op.EQ,
                tiers.get(j).name())),
            List.of("slo")));
      }
    }
    return out;
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s >= 86_400) {
      return s / 86_400 + "d" + (s % 86_400) / 3600 + "h";
    }
    if (s >= 3600) {
      return s / 3600 + "h" + (s % 3600) / 60 + "m";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }
}
