package io.glasshouse.alerts.config;

import io.glasshouse.alerts.receiver.Receiver;
import io.glasshouse.alerts.receiver.RetryPolicy;
import io.glasshouse.alerts.route.InhibitRule;
import io.glasshouse.alerts.route.Route;
import io.glasshouse.alerts.rule.Rule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the alert engine runs with, validated: rules, the routing tree, inhibition rules, receivers, the
 * Alertmanagers alerts are forwarded to, and timings. Immutable.
 *
 * @param externalUrl Glasshouse's own base URL as people reach it (links in alerts), without trailing slash
 * @param evaluationInterval how often rules are evaluated and groups flushed
 * @param resendDelay how often firing alerts are re-sent to Alertmanagers
 */
public record AlertsConfig(String externalUrl, Duration evaluationInterval, Duration resendDelay, RetryPolicy retry,
    List<Rule> rules, Route route, List<InhibitRule> inhibitRules, Map<String, Receiver> receivers,
    List<String> alertmanagers) {
  public AlertsConfig {
    externalUrl = externalUrl == null ? "" : externalUrl.replaceAll("/+$", "");
    Objects.requireNonNull(evaluationInterval, "evaluationInterval");
    Objects.requireNonNull(resendDelay, "resendDelay");
    Objects.requireNonNull(retry, "retry");
    rules = List.copyOf(rules);
    Objects.requireNonNull(route, "route");
    inhibitRules = List.copyOf(inhibitRules);
    receivers = Map.copyOf(receivers);
    alertmanagers = List.copyOf(alertmanagers);
    for (Route r : route.all()) {
      if (!receivers.containsKey(r.receiver())) {
        throw new IllegalArgumentException("alerts.route: receiver '" + r.receiver() + "' is not defined under "
            + "receivers (defined: " + new java.util.TreeSet<>(receivers.keySet()) + ")");
      }
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Rule r : rules) {
      if (!names.add(r.name())) {
        throw new IllegalArgumentException("alerts.rules: two rules are named '" + r.name() + "'; names must be unique");
      }
    }
  }

  /** No rules, one receiver without integrations: alerts are evaluated and shown, never sent. */
  public static AlertsConfig empty() {
    return new AlertsConfig("", Duration.ofSeconds(10), Duration.ofMinutes(1), RetryPolicy.DEFAULT, List.of(),
        Route.root("none", List.of("alertname")), List.of(), Map.of("none", new Receiver("none", List.of())),
        List.of());
  }

  public AlertsConfig withRules(List<Rule> r) {
    return new AlertsConfig(externalUrl, evaluationInterval, resendDelay, retry, r, route, inhibitRules, receivers,
        alertmanagers);
  }
}
