package io.glasshouse.collector.scrape;

import io.glasshouse.collector.remotewrite.MetricFamilies;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the Prometheus text exposition format (version 0.0.4): {@code # TYPE} lines give family types, samples
 * are {@code name{label="value",...} value [timestamp_ms]} with {@code \\}, {@code \"} and {@code \n} escapes in
 * label values and {@code NaN}, {@code +Inf}, {@code -Inf} values; {@code # HELP} and other comments are skipped.
 * A malformed line is counted and skipped, never the whole body. Stateless.
 */
public final class TextFormatParser {
  /** One parsed sample line. {@code labels} alternate names and values; {@code timestampMs} is null when absent. */
  public record Line(String name, List<String> labels, double value, Long timestampMs) {
  }

  /** The parsed body: samples, family types from {@code # TYPE}, and how many lines could not be parsed. */
  public record Result(List<Line> lines, Map<String, MetricFamilies.Type> types, int malformed,
      String firstError) {
  }

  private TextFormatParser() {
  }

  public static Result parse(String body) {
    List<Line> lines = new ArrayList<>();
    Map<String, MetricFamilies.Type> types = new HashMap<>();
    int malformed = 0;
    String firstError = null;
    int start = 0;
    int n = body.length();
    while (start < n) {
      int end = body.indexOf('\n', start);
      if (end < 0) {
        end = n;
      }
      String line = body.substring(start, end).strip();
      start = end + 1;
      if (line.isEmpty()) {
        continue;
      }
      if (line.charAt(0) == '#') {
        String[] parts = line.split("\\s+", 4);
        if (parts.length >= 4 && parts[1].equals("TYPE")) {
          types.put(parts[2], type(parts[3].trim()));
        }
        continue;
      }
      try {
        lines.add(sample(line));
      } catch (IllegalArgumentException e) {
        malformed++;
        if (firstError == null) {
          firstError = e.getMessage();
        }
      }
    }
    return new Result(lines, types, malformed, firstError);
  }

  private static MetricFamilies.Type type(String t) {
    return switch (t.toLowerCase(Locale.ROOT)) {
      case "counter" -> MetricFamilies.Type.COUNTER;
      case "gauge" -> MetricFamilies.Type.GAUGE;
      case "histogram" -> MetricFamilies.Type.HISTOGRAM;
      case "summary" -> MetricFamilies.Type.SUMMARY;
      default -> MetricFamilies.Type.UNTYPED;
    };
  }

  private static Line sample(String line) {
    int i = 0;
    int n = line.length();
    while (i < n && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    String name = line.substring(0, i);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("line without a metric name: " + clip(line));
    }
    List<String> labels = new ArrayList<>();
    if (i < n && line.charAt(i) == '{') {
      i++;
      while (true) {
        while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == ',')) {
          i++;
        }
        if (i < n && line.charAt(i) == '}') {
          i++;
          break;
        }
        int eq = line.indexOf('=', i);
        if (eq < 0 || eq + 1 >= n || line.charAt(eq + 1) != '"') {
          throw new IllegalArgumentException("label without =\"value\": " + clip(line));
        }
        labels.add(line.substring(i, eq).trim());
        StringBuilder v = new StringBuilder();
        int j = eq + 2;
        for (; j < n && line.charAt(j) != '"'; j++) {
          char c = line.charAt(j);
          if (c == '\\' && j + 1 < n) {
            char e = line.charAt(++j);
            v.append(e == 'n' ? '\n' : e);
          } else {
            v.append(c);
          }
        }
        if (j >= n) {
          throw new IllegalArgumentException("unterminated label value: " + clip(line));
        }
        labels.add(v.toString());
        i = j + 1;
      }
    }
    String[] rest = line.substring(i).trim().split("\\s+");
    if (rest.length < 1 || rest[0].isEmpty() || rest.length > 2) {
      throw new IllegalArgumentException("expected a value and an optional timestamp: " + clip(line));
    }
    double value = number(rest[0], line);
    Long ts = null;
    if (rest.length == 2) {
      try {
        ts = Long.parseLong(rest[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("timestamp is not an integer of milliseconds: " + clip(line));
      }
    }
    return new Line(name, labels, value, ts);
  }

  private static double number(String s, String line) {
    switch (s) {
      case "NaN" -> {
        return Double.NaN;
      }
      case "+Inf", "Inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-Inf" -> {
        return Double.NEGATIVE_INFINITY;
      }
      default -> {
        try {
          return Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("value '" + s + "' is not a number: " + clip(line));
        }
      }
    }
  }

  private static String clip(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
