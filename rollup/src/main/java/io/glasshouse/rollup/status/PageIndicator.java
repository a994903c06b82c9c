package io.glasshouse.rollup.status;

import java.util.Locale;

/** The overall page indicator in Statuspage's documented vocabulary: {@code none | minor | major | critical}. */
public enum PageIndicator {
  NONE,
  MINOR,
  MAJOR,
  CRITICAL;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
