package io.glasshouse.rollup.status;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Why a component has its status: the rule and the figures that made it fire, for the draft incident and the
 * staff page. Fields that do not apply to the rule are {@code null}.
 *
 * @param rule            the rule
 * @param status          the status the rule sets
 * @param slo             the SLO whose burn fired (burn rules)
 * @param longWindow      the long window of the pair (burn rules), e.g. 1h
 * @param shortWindow     the short window of the pair (burn rules), e.g. 5m
 * @param longBurnRate    the burn rate over the long window
 * @param shortBurnRate   the burn rate over the short window
 * @param threshold       the threshold both burn rates exceeded
 * @param budgetRemaining the SLO's budget remaining (fraction, negative when overspent), when known
 * @param service         the service without live instances (liveness rule)
 * @param override        the override (override rule)
 * @param since           since when this rule has held without a break, for this component (set by the board)
 * @param incident        the incident that declares the status (incident rule)
 */
public record StatusReason(StatusRule rule, ComponentStatus status, String slo, BurnWindow longWindow,
    BurnWindow shortWindow, Double longBurnRate, Double shortBurnRate, Double threshold, Double budgetRemaining,
    String service, StatusOverride override, Instant since, String incident) {
  public StatusReason {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(status, "status");
  }

  /** Nothing fires. */
  public static StatusReason allClear() {
    return new StatusReason(StatusRule.ALL_CLEAR, ComponentStatus.OPERATIONAL, null, null, null, null, null, null,
        null, null, null, null, null);
  }

  static StatusReason burn(StatusRule rule, ComponentStatus status, SloBurn slo, BurnWindow longWindow,
      BurnWindow shortWindow, double threshold) {
    return new StatusReason(rule, status, slo.name(), longWindow, shortWindow,
        slo.burnRate(longWindow).orElseThrow(), slo.burnRate(shortWindow).orElseThrow(), threshold,
        Double.isFinite(slo.budgetRemaining()) ? slo.budgetRemaining() : null, null, null, null, null);
  }

  static StatusReason noLiveInstance(String service) {
    return new StatusReason(StatusRule.NO_LIVE_INSTANCE, ComponentStatus.MAJOR_OUTAGE, null, null, null, null, null,
        null, null, service, null, null, null);
  }

  static StatusReason maintenance() {
    return new StatusReason(StatusRule.MAINTENANCE, ComponentStatus.UNDER_MAINTENANCE, null, null, null, null, null,
        null, null, null, null, null, null);
  }

  static StatusReason declared(DeclaredStatus d) {
    return new StatusReason(StatusRule.INCIDENT, d.status(), null, null, null, null, null, null, null, null, null,
        null, d.incidentId());
  }

  static StatusReason overridden(StatusOverride o) {
    return new StatusReason(StatusRule.OVERRIDE, o.status(), null, null, null, null, null, null, null, null, o,
        o.setAt(), null);
  }

  /** What identifies "the same condition" from one evaluation to the next (rule and its subject). */
  String key() {
    return rule + "|" + (slo != null ? slo : service != null ? service : incident != null ? incident : "");
  }

  /** This reason with {@code since} set. */
  public StatusReason withSince(Instant t) {
    return new StatusReason(rule, status, slo, longWindow, shortWindow, longBurnRate, shortBurnRate, threshold,
        budgetRemaining, service, override, t, incident);
  }

  /** One line a person can read, e.g. {@code SLO checkout-availability burning 20.5× over 1h and 31.0× over 5m}. */
  public String summary() {
    return switch (rule) {
      case OVERRIDE -> "set by " + override.by() + ": " + override.reason() + " (until " + override.expiresAt() + ")";
      case INCIDENT -> "incident " + incident + " declares " + status.apiName();
      case MAINTENANCE -> "maintenance in progress";
      case NO_LIVE_INSTANCE -> "service " + service + " has no live instance";
      case AVAILABILITY_BURN_1H_5M, AVAILABILITY_BURN_6H_30M, LATENCY_BURN_1H_5M, LATENCY_BURN_6H_30M ->
          String.format(Locale.ROOT, "SLO %s burning its error budget %.1fx over %s and %.1fx over %s (threshold %s)",
              slo, longBurnRate, longWindow.label(), shortBurnRate, shortWindow.label(), trim(threshold));
      case ALL_CLEAR -> "no rule fires";
    };
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
