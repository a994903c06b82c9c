package io.glasshouse.rollup.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a token allows. A token may carry several scopes; none implies another. */
public enum Scope {
  /** Sending samples to the collector ({@code /v1/metrics}, {@code /api/v1/write}, {@code /api/v1/ingest}). */
  INGEST,
  /** The read API, {@code /api/v1/capacity}, staff pages and reports. */
  READ,
  /** The config API ({@code /api/v1/config/...}): reading and changing configuration objects. */
  ADMIN;

  /** The name used in configuration and messages: {@code ingest}, {@code read}, {@code admin}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The scope called {@code key} (case-insensitive), if any. */
  public static Optional<Scope> of(String key) {
    return Arrays.stream(values()).filter(s -> s.key().equalsIgnoreCase(key == null ? "" : key.trim())).findFirst();
  }
}
