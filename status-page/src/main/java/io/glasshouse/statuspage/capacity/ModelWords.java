package io.glasshouse.statuspage.capacity;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forecast models' names in plain words, and one explanation of each for the page. The names are those the
 * forecaster records ({@code hw-add-damped(day)}, {@code median(a, b)}, {@code a | b} per horizon group); an
 * unknown name is shown as it is.
 */
final class ModelWords {
  /** One model: its name pattern's plain words and what it does. */
  record Entry(String words, String explanation) {
  }

  static final List<Entry> GLOSSARY = List.of(
      new Entry("Daily (or weekly) pattern with a levelling trend",
          "Holt-Winters: learns the level, a trend that flattens out over time, and the repeating shape of a day or "
              + "week; the pattern either adds to the level or scales with it."),
      new Entry("Straight-line trend",
          "fits a straight line through the recent history (the window in brackets) and extends it."),
      new Entry("Same time last day (or week), plus drift",
          "repeats the last day's or week's shape, shifted by the average change per day or week."),
      new Entry("Same time last day (or week)",
          "repeats the value seen one day or one week earlier; 'average of N' averages the last N days or weeks."),
      new Entry("Last value", "keeps the last observed value (used when nothing else does better)."),
      new Entry("Middle of / average of several",
          "combines the models listed, taking their median or mean: more robust than any one of them."),
      new Entry("Per horizon",
          "the forecast may use different models for near and far horizons: each horizon uses the one that was "
              + "most accurate for it when tested on this indicator's own past (rolling-origin backtest)."));

  private static final Pattern CALL = Pattern.compile("([a-z0-9-]+)\\((.*)\\)");

  private ModelWords() {
  }

  /** Plain words for a model name or combination, e.g. "middle of: daily pattern …; straight-line trend (7d)". */
  static String plain(String model) {
    String m = model.trim();
    if (m.contains(" | ")) {
      List<String> parts = new ArrayList<>();
      for (String p : m.split(" \\| ")) {
        parts.add(plain(p));
      }
      return String.join(" / ", parts);
    }
    Matcher c = CALL.matcher(m);
    if (!c.matches()) {
      return m.equals("naive") ? "last value" : m;
    }
    String f = c.group(1);
    String arg = c.group(2);
    return switch (f) {
      case "median", "mean" -> (f.equals("median") ? "middle of: " : "average of: ")
          + String.join("; ", splitTop(arg).stream().map(ModelWords::plain).toList());
      case "hw-add-damped" -> period(arg) + " pattern added to a levelling trend";
      case "hw-mul-damped" -> period(arg) + " pattern scaling with a levelling trend";
      case "linear" -> "straight-line trend (" + arg + ")";
      case "seasonal-drift" -> "same time last " + arg + ", plus drift";
      case "seasonal-naive" -> "same time last " + arg;
      default -> f.startsWith("seasonal-mean") ? "average of the same time over the last "
          + f.substring("seasonal-mean".length()) + " " + arg + "s" : m;
    };
  }

  private static String period(String p) {
    return p.equals("day") ? "daily" : p.equals("week") ? "weekly" : p;
  }

  /** Splits "a(b, c), d" at top-level commas. */
  private static List<String> splitTop(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
      } else if (ch == ',' && depth == 0) {
        out.add(s.substring(start, i).trim());
        start = i + 1;
      }
    }
    out.add(s.substring(start).trim());
    return out;
  }
}
