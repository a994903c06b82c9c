package io.glasshouse.collector.scrape;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One entry of Prometheus's {@code relabel_configs} / {@code metric_relabel_configs}, with Prometheus's defaults:
 * {@code separator ";"}, {@code regex "(.*)"} (always fully anchored, RE2 syntax through RE2/J),
 * {@code replacement "$1"}, {@code action replace}. Applied by {@link Relabeling}.
 */
public record RelabelRule(List<String> sourceLabels, String separator, Pattern regex, String targetLabel,
    String replacement, long modulus, Action action) {

  /** The supported actions, named as in Prometheus's configuration. */
  public enum Action {
    REPLACE, KEEP, DROP, KEEPEQUAL, DROPEQUAL, HASHMOD, LABELMAP, LABELDROP, LABELKEEP, LOWERCASE, UPPERCASE;

    String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final Set<String> FIELDS = Set.of("source_labels", "separator", "regex", "target_label", "replacement",
      "modulus", "action");

  /** Parses one rule; the message of a failure names the field. */
  static RelabelRule parse(Fields f) {
    f.only(FIELDS);
    String actionName = f.string("action", "replace").trim().toLowerCase(Locale.ROOT);
    Action action = null;
    for (Action a : Action.values()) {
      if (a.configName().equals(actionName)) {
        action = a;
      }
    }
    if (action == null) {
      throw new IllegalArgumentException(f.path + ".action '" + actionName + "' is not supported; use one of "
          + "replace, keep, drop, keepequal, dropequal, hashmod, labelmap, labeldrop, labelkeep, lowercase, "
          + "uppercase");
    }
    String regexText = f.string("regex", "(.*)");
    Pattern regex;
    try {
      regex = anchored(regexText);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(f.path + ".regex '" + regexText + "' is not a valid RE2 expression: "
          + e.getDescription());
    }
    List<String> sources = f.strings("source_labels");
    for (String s : sources) {
      if (!Fields.LABEL_NAME.matcher(s).matches()) {
        throw new IllegalArgumentException(f.path + ".source_labels: '" + s + "' is not a valid label name");
      }
    }
    String target = f.string("target_label", "");
    long modulus = f.has("modulus") ? f.integer("modulus", 0, 1) : 0;
    RelabelRule rule = new RelabelRule(List.copyOf(sources), f.string("separator", ";"), regex, target,
        f.string("replacement", "$1"), modulus, action);
    rule.check(f.path);
    return rule;
  }

  private void check(String path) {
    boolean needsTarget = switch (action) {
      case REPLACE, HASHMOD, LOWERCASE, UPPERCASE, KEEPEQUAL, DROPEQUAL -> true;
      default -> false;
    };
    if (needsTarget && targetLabel.isEmpty()) {
      throw new IllegalArgumentException(path + ".target_label is required for action " + action.configName());
    }
    if ((action == Action.LOWERCASE || action == Action.UPPERCASE || action == Action.HASHMOD
        || action == Action.KEEPEQUAL || action == Action.DROPEQUAL)
        && !Fields.LABEL_NAME.matcher(targetLabel).matches()) {
      throw new IllegalArgumentException(path + ".target_label '" + targetLabel + "' is not a valid label name");
    }
    if (action == Action.HASHMOD && modulus == 0) {
      throw new IllegalArgumentException(path + ".modulus is required (above zero) for action hashmod");
    }
    if ((action == Action.LABELDROP || action == Action.LABELKEEP)
        && (!sourceLabels.isEmpty() || !targetLabel.isEmpty())) {
      throw new IllegalArgumentException(path + ": action " + action.configName() + " takes only regex (no "
          + "source_labels or target_label)");
    }
  }

  /** {@code ^(?:regex)$}, as Prometheus anchors every relabelling regex. */
  static Pattern anchored(String regex) {
    return Pattern.compile("^(?:" + regex + ")$");
  }
}
