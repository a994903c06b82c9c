package io.glasshouse.statuspage.v2;

import io.glasshouse.statuspage.web.Escape;
import io.glasshouse.rollup.status.ComponentStatus;
import io.glasshouse.rollup.status.PageIndicator;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A status or uptime badge: a flat SVG from the template {@code statuspage-v2/badge.svg} (every text XML-escaped)
 * and the same content as a shields.io endpoint document ({@code schemaVersion 1, label, message, color}).
 *
 * @param label the left part, e.g. the component's name
 * @param message the right part, e.g. {@code operational} or {@code 99.95%}
 * @param color a shields.io colour name (see {@link #HEX})
 */
record Badge(String label, String message, String color) {
  /** The shields.io colour names used, with the hex colour the SVG draws. */
  static final Map<String, String> HEX = Map.of("brightgreen", "#4c1", "green", "#97ca00", "yellow", "#dfb317",
      "orange", "#fe7d37", "red", "#e05d44", "blue", "#007ec6", "lightgrey", "#9f9f9f");
  private static final String TEMPLATE = load();
  private static final Pattern SLOT = Pattern.compile("\\{\\{(\\w+)}}");

  static Badge status(String label, ComponentStatus s) {
    String color = switch (s) {
      case OPERATIONAL -> "brightgreen";
      case DEGRADED_PERFORMANCE -> "yellow";
      case PARTIAL_OUTAGE -> "orange";
      case MAJOR_OUTAGE -> "red";
      case UNDER_MAINTENANCE -> "blue";
    };
    return new Badge(label, s.apiName().replace('_', ' '), color);
  }

  static Badge page(String label, PageIndicator indicator, String description) {
    String color = switch (indicator) {
      case NONE -> description.contains("Maintenance") ? "blue" : "brightgreen";
      case MINOR -> "yellow";
      case MAJOR -> "orange";
      case CRITICAL -> "red";
    };
    return new Badge(label, description.toLowerCase(Locale.ROOT), color);
  }

  /** Uptime over {@code days} days: two decimals, colour by the share (no data: grey). */
  static Badge uptime(String label, int days, OptionalDouble percent) {
    String l = label + " " + days + "d";
    if (percent.isEmpty()) {
      return new Badge(l, "no data", "lightgrey");
    }
    double p = percent.getAsDouble();
    String color = p >= 99.9 ? "brightgreen" : p >= 99 ? "green" : p >= 95 ? "yellow" : p >= 90 ? "orange" : "red";
    String text = String.format(Locale.ROOT, "%.2f", Math.floor(p * 100) / 100).replaceAll("\\.?0+$", "");
    return new Badge(l, text + "%", color);
  }

  /** The shields.io endpoint document. */
  JsonObject shields() {
    return new JsonObject().put("schemaVersion", 1).put("label", label).put("message", message).put("color", color);
  }

  /** The SVG. */
  String svg() {
    int lw = width(label) + 10;
    int mw = width(message) + 10;
    Map<String, String> slots = Map.of("width", Integer.toString(lw + mw), "labelWidth", Integer.toString(lw),
        "messageWidth", Integer.toString(mw), "labelX", Double.toString(lw / 2.0),
        "messageX", Double.toString(lw + mw / 2.0), "color", HEX.get(color), "label", xml(label),
        "message", xml(message));
    Matcher m = SLOT.matcher(TEMPLATE);
    StringBuilder out = new StringBuilder(TEMPLATE.length() + 64);
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(slots.get(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Approximate width in pixels of Verdana 11px text. */
  static int width(String s) {
    double w = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("iljI.,:;|!' ".indexOf(c) >= 0) {
        w += 3.5;
      } else if ("mwMW%@".indexOf(c) >= 0) {
        w += 10;
      } else if (Character.isUpperCase(c) || Character.isDigit(c)) {
        w += 7.5;
      } else {
        w += 6.6;
      }
    }
    return (int) Math.ceil(w);
  }

  /** XML-escapes text for an SVG text node or attribute ({@link Escape#text}). */
  static String xml(String s) {
    return Escape.text(s);
  }

  private static String load() {
    try (InputStream in = Badge.class.getResourceAsStream("/statuspage-v2/badge.svg")) {
      if (in == null) {
        throw new IllegalStateException("statuspage-v2/badge.svg is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
