package io.glasshouse.statuspage.incident;

import java.util.Locale;

/** An incident's impact, in Statuspage's vocabulary: {@code none, minor, major, critical, maintenance}. */
public enum Impact {
  NONE, MINOR, MAJOR, CRITICAL, MAINTENANCE;

  /** The wire name, e.g. {@code critical}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; throws IllegalArgumentException naming the accepted values. */
  public static Impact fromWire(String s) {
    for (Impact v : values()) {
      if (v.wire().equals(s)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown impact '" + s + "': use none, minor, major, critical or maintenance");
  }
}
