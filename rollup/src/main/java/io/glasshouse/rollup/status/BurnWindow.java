package io.glasshouse.rollup.status;

import java.time.Duration;

/** The burn-rate windows the status rules read (the SRE workbook's, for a 30-day SLO). */
public enum BurnWindow {
  M5("5m", Duration.ofMinutes(5)),
  M30("30m", Duration.ofMinutes(30)),
  H1("1h", Duration.ofHours(1)),
  H2("2h", Duration.ofHours(2)),
  H6("6h", Duration.ofHours(6)),
  D1("1d", Duration.ofDays(1)),
  D3("3d", Duration.ofDays(3));

  private final String label;
  private final Duration length;

  BurnWindow(String label, Duration length) {
    this.label = label;
    this.length = length;
  }

  /** As written in configuration and JSON: {@code 5m}, {@code 1h}, … */
  public String label() {
    return label;
  }

  public Duration length() {
    return length;
  }
}
