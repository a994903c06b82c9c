package io.glasshouse.alerts.config;

import io.glasshouse.alerts.rule.Rule;
import io.glasshouse.rollup.config.ConfigKind;
import io.glasshouse.rollup.config.InvalidConfigException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Alert rules as configuration objects: the config API's {@code alert-rule} kind
 * ({@code /api/v1/config/alert-rule[/{name}]}), identified by {@code name}, in the JSON shape of an
 * {@code alerts.rules} entry ({@link AlertsSection#rule}). Validation errors name the field at fault
 * ({@code fn}, {@code page.severity}, …). The rules read {@link RuleSources} given at construction.
 */
public final class AlertRuleKind implements ConfigKind<AlertRuleDefinition> {
  /** The kind's name in the config API. */
  public static final String NAME = "alert-rule";
  private final RuleSources sources;

  public AlertRuleKind(RuleSources sources) {
    this.sources = sources;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String idField() {
    return "name";
  }

  @Override
  public AlertRuleDefinition fromJson(JsonObject json) {
    Rule rule;
    try {
      rule = AlertsSection.rule(json, "", sources);
    } catch (InvalidConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    return new AlertRuleDefinition(rule.name(), json, rule);
  }

  /** {@code ".fn: detail"} (from {@link AlertsSection#rule} with an empty key) as a field error. */
  static InvalidConfigException invalid(String message) {
    String m = message == null ? "invalid alert rule" : message;
    if (m.startsWith(".")) {
      int colon = m.indexOf(": ");
      if (colon > 1) {
        return InvalidConfigException.of(m.substring(1, colon), m.substring(colon + 2));
      }
    }
    if (m.startsWith(": ")) {
      m = m.substring(2);
    }
    return InvalidConfigException.of("", m);
  }

  @Override
  public JsonObject toJson(AlertRuleDefinition value) {
    return value.json();
  }

  @Override
  public String id(AlertRuleDefinition value) {
    return value.name();
  }

  /** The {@code alerts.rules} of the configuration file's section as definitions (read-only objects of the kind). */
  public List<AlertRuleDefinition> fromSection(JsonObject section) {
    List<AlertRuleDefinition> out = new ArrayList<>();
    List<Object> rs = AlertmanagerConfig.list(section.getValue("rules"), "alerts.rules");
    for (int i = 0; i < rs.size(); i++) {
      String key = "alerts.rules[" + i + "]";
      JsonObject j = new JsonObject(AlertmanagerConfig.map(rs.get(i), key));
      Rule r = AlertsSection.rule(j, key, sources);
      out.add(new AlertRuleDefinition(r.name(), j, r));
    }
    return out;
  }

  /** The rules of {@code definitions}, in order. */
  public static List<Rule> rules(List<AlertRuleDefinition> definitions) {
    return definitions.stream().map(AlertRuleDefinition::rule).toList();
  }
}
