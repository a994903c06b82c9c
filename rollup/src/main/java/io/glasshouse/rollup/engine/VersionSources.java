package io.glasshouse.rollup.engine;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which metrics' {@code version} label states an instance's version ({@code rollup.version-metrics}): metric names,
 * where {@code *} stands for any run of characters ({@code *_build_info}). The default is {@code target_info},
 * {@code build_info} and {@code *_build_info}; the {@code service_version} label (OTLP {@code service.version})
 * always counts. Never any other metric's {@code version} label: {@code node_os_info} and {@code node_uname_info}
 * carry one with other meanings.
 */
public record VersionSources(List<String> patterns) {
  private static final Pattern VALID = Pattern.compile("[a-zA-Z_:*][a-zA-Z0-9_:*]*");

  public VersionSources {
    patterns = List.copyOf(patterns);
  }

  /** {@code target_info}, {@code build_info}, {@code *_build_info}. */
  public static VersionSources defaults() {
    return new VersionSources(List.of("target_info", "build_info", "*_build_info"));
  }

  /** Parses the configured list; the message of a failure names {@code key}. */
  public static VersionSources parse(String key, List<String> patterns) {
    for (String p : patterns) {
      if (!VALID.matcher(p).matches()) {
        throw new IllegalArgumentException(key + ": '" + p + "' is not a metric name (a * may stand for any "
            + "characters, as in *_build_info)");
      }
    }
    return new VersionSources(patterns);
  }

  /** Whether {@code metric}'s {@code version} label is the instance's version. */
  public boolean matches(String metric) {
    for (String p : patterns) {
      if (glob(p, 0, metric, 0)) {
        return true;
      }
    }
    return false;
  }

  private static boolean glob(String p, int i, String s, int j) {
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '*') {
        for (int k = s.length(); k >= j; k--) {
          if (glob(p, i + 1, s, k)) {
            return true;
          }
        }
        return false;
      }
      if (j >= s.length() || s.charAt(j) != c) {
        return false;
      }
      i++;
      j++;
    }
    return j == s.length();
  }
}
