package io.glasshouse.collector.scrape;

import com.google.re2j.Matcher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies Prometheus relabelling rules to one label set, with Prometheus's semantics: the source labels' values are
 * joined with the separator (a missing label is the empty string) and matched against the fully anchored regex;
 * {@code replace} writes the expanded replacement ({@code $1}, {@code ${1}}, {@code $name}, {@code ${name}},
 * {@code $$}) to the (expanded) target label, or deletes it when the result is empty, and does nothing when the
 * regex does not match; {@code keep}/{@code drop} drop the whole set when it does not/does match;
 * {@code keepequal}/{@code dropequal} compare the joined value with the target label's; {@code hashmod} writes
 * the MD5 of the value modulo {@code modulus}; {@code labelmap} copies each label whose name matches to the
 * expanded replacement; {@code labeldrop}/{@code labelkeep} remove labels by name; {@code lowercase}/
 * {@code uppercase} write the joined value in that case. Stateless.
 */
public final class Relabeling {
  private Relabeling() {
  }

  /**
   * Applies {@code rules} in order to {@code labels} (changed in place); returns false when a rule dropped the set.
   * A label whose value becomes empty is removed.
   */
  public static boolean apply(List<RelabelRule> rules, Map<String, String> labels) {
    for (RelabelRule r : rules) {
      if (!apply(r, labels)) {
        return false;
      }
    }
    return true;
  }

  private static boolean apply(RelabelRule r, Map<String, String> labels) {
    String value = joined(r, labels);
    switch (r.action()) {
      case DROP -> {
        return !r.regex().matcher(value).matches();
      }
      case KEEP -> {
        return r.regex().matcher(value).matches();
      }
      case KEEPEQUAL -> {
        return value.equals(labels.getOrDefault(r.targetLabel(), ""));
      }
      case DROPEQUAL -> {
        return !value.equals(labels.getOrDefault(r.targetLabel(), ""));
      }
      case REPLACE -> {
        Matcher m = r.regex().matcher(value);
        if (!m.matches()) {
          return true;
        }
        String target = expand(r.targetLabel(), m);
        if (!Fields.LABEL_NAME.matcher(target).matches()) {
          return true;
        }
        set(labels, target, expand(r.replacement(), m));
      }
      case LOWERCASE -> set(labels, r.targetLabel(), value.toLowerCase(Locale.ROOT));
      case UPPERCASE -> set(labels, r.targetLabel(), value.toUpperCase(Locale.ROOT));
      case HASHMOD -> set(labels, r.targetLabel(), Long.toUnsignedString(
          Long.remainderUnsigned(md5Tail(value), r.modulus())));
      case LABELMAP -> {
        for (String name : new ArrayList<>(labels.keySet())) {
          Matcher m = r.regex().matcher(name);
          if (m.matches()) {
            String to = expand(r.replacement(), m);
            if (Fields.LABEL_NAME.matcher(to).matches()) {
              set(labels, to, labels.get(name));
            }
          }
        }
      }
      case LABELDROP -> labels.keySet().removeIf(n -> r.regex().matcher(n).matches());
      case LABELKEEP -> labels.keySet().removeIf(n -> !r.regex().matcher(n).matches());
      default -> throw new IllegalStateException("unhandled action " + r.action());
    }
    return true;
  }

  private static void set(Map<String, String> labels, String name, String value) {
    if (value == null || value.isEmpty()) {
      labels.remove(name);
    } else {
      labels.put(name, value);
    }
  }

  private static String joined(RelabelRule r, Map<String, String> labels) {
    if (r.sourceLabels().size() == 1) {
      return labels.getOrDefault(r.sourceLabels().get(0), "");
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < r.sourceLabels().size(); i++) {
      if (i > 0) {
        sb.append(r.separator());
      }
      sb.append(labels.getOrDefault(r.sourceLabels().get(i), ""));
    }
    return sb.toString();
  }

  /** Go's {@code Regexp.Expand}: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}, {@code $$}. */
  static String expand(String template, Matcher m) {
    if (template.indexOf('$') < 0) {
      return template;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    int n = template.length();
    while (i < n) {
      char c = template.charAt(i);
      if (c != '$' || i + 1 >= n) {
        out.append(c);
        i++;
        continue;
      }
      char next = template.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
        continue;
      }
      String name;
      if (next == '{') {
        int close = template.indexOf('}', i + 2);
        if (close < 0) {
          out.append(c);
          i++;
          continue;
        }
        name = template.substring(i + 2, close);
        i = close + 1;
      } else {
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(template.charAt(j)) || template.charAt(j) == '_')) {
          j++;
        }
        if (j == i + 1) {
          out.append(c);
          i++;
          continue;
        }
        name = template.substring(i + 1, j);
        i = j;
      }
      out.append(group(m, name));
    }
    return out.toString();
  }

  private static String group(Matcher m, String name) {
    String g;
    if (name.chars().allMatch(Character::isDigit)) {
      int idx;
      try {
        idx = Integer.parseInt(name);
      } catch (NumberFormatException e) {
        return "";
      }
      g = idx <= m.groupCount() ? m.group(idx) : null;
    } else {
      try {
        g = m.group(name);
      } catch (IllegalArgumentException e) {
        g = null;
      }
    }
    return g == null ? "" : g;
  }

  /** The last 8 bytes of the MD5 of {@code s} as an unsigned 64-bit number, as Prometheus's {@code hashmod}. */
  private static long md5Tail(String s) {
    byte[] d;
    try {
      d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long v = 0;
    for (int i = 8; i < 16; i++) {
      v = (v << 8) | (d[i] & 0xff);
    }
    return v;
  }
}
