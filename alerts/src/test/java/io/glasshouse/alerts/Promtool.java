package io.glasshouse.alerts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus's own rule evaluation through {@code promtool test rules} (Debian {@code prometheus}): the rule file
 * is evaluated at a given interval over input series sampled every minute, and each named PromQL query is asked
 * at its time. promtool only prints the values of queries whose expectation fails, so every query expects an
 * impossible value and is read back from the failure text ({@code got: {q="<name>"} <value>}); a query that
 * finds nothing answers {@link #NONE}.
 */
final class Promtool {
  static final Path BINARY = Path.of("/usr/bin/promtool");
  /** The answer of a query that found nothing. */
  static final double NONE = -1e9;
  private static final Pattern GOT = Pattern.compile("got: \\{q=\"([^\"]+)\"} (\\S+)");

  private final StringBuilder series = new StringBuilder();
  private final StringBuilder queries = new StringBuilder();
  private final Map<String, Integer> queryNames = new LinkedHashMap<>();

  /** Adds an input series sampled every minute from minute 0, written in promtool's expanding notation. */
  Promtool series(String selector, long[] values) {
    series.append("  - series: '").append(selector).append("'\n    values: '").append(expanding(values))
        .append("'\n");
    return this;
  }

  /** Asks {@code expr}, which must give at most one sample, at minute {@code minute}; read back as {@code name}. */
  Promtool query(String name, String expr, int minute) {
    queryNames.put(name, minute);
    String q = "label_replace((" + expr + ") or vector(-1e9), \"q\", \"" + name + "\", \"\", \"\")";
    queries.append("  - expr: '").append(q.replace("'", "''")).append("'\n    eval_time: ").append(minute)
        .append("m\n    exp_samples: [{labels: '{q=\"").append(name).append("\"}', value: -1e300}]\n");
    return this;
  }

  /**
   * Runs promtool over {@code rules}, evaluated every {@code evaluationMinutes}, in {@code dir} (created); the
   * value of every query by name.
   */
  Map<String, Double> run(Path dir, String rules, int evaluationMinutes) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path rulesFile = dir.resolve("rules.yml");
    Files.writeString(rulesFile, rules);
    Path test = dir.resolve("test.yml");
    Files.writeString(test, "rule_files: [rules.yml]\nevaluation_interval: " + evaluationMinutes + "m\ntests:\n"
        + "- interval: 1m\n"
        + "  input_series:\n" + series + "  promql_expr_test:\n" + queries);
    Path out = dir.resolve("promtool.out");
    Process p = new ProcessBuilder(BINARY.toString(), "test", "rules", test.getFileName().toString())
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(30, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("promtool did not finish in 30 minutes");
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    Map<String, Double> values = new LinkedHashMap<>();
    Matcher m = GOT.matcher(text);
    while (m.find()) {
      values.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    if (!values.keySet().equals(queryNames.keySet())) {
      throw new IllegalStateException("promtool answered " + values.keySet() + " of " + queryNames.keySet() + ":\n"
          + text.substring(0, Math.min(4000, text.length())));
    }
    return values;
  }

  /** promtool's expanding notation: runs with a constant step become {@code a+bxN}. */
  static String expanding(long[] v) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < v.length) {
      int j = i + 1;
      if (j < v.length) {
        long step = v[j] - v[i];
        while (j + 1 < v.length && v[j + 1] - v[j] == step) {
          j++;
        }
        if (j - i >= 2) {
          out.append(v[i]).append(step >= 0 ? "+" : "").append(step).append('x').append(j - i).append(' ');
          i = j + 1;
          continue;
        }
      }
      out.append(v[i]).append(' ');
      i++;
    }
    return out.toString().trim();
  }
}
