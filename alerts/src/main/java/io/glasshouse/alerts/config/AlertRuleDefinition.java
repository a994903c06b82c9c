package io.glasshouse.alerts.config;

import io.glasshouse.alerts.rule.Rule;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * An alert rule as a configuration object: its name (the id), its JSON as written (the shape of an
 * {@code alerts.rules} entry), and the rule built from it. Two definitions are equal when their JSON is.
 */
public final class AlertRuleDefinition {
  private final String name;
  private final JsonObject json;
  private final Rule rule;

  public AlertRuleDefinition(String name, JsonObject json, Rule rule) {
    this.name = Objects.requireNonNull(name, "name");
    this.json = Objects.requireNonNull(json, "json").copy();
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  public String name() {
    return name;
  }

  /** A copy of the JSON. */
  public JsonObject json() {
    return json.copy();
  }

  public Rule rule() {
    return rule;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AlertRuleDefinition d && d.json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return "alert-rule " + json.encode();
  }
}
