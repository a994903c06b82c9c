package io.glasshouse.rollup.sample;

/** The wire format a batch arrived in; a label on the server's own metrics. A new decoder adds its value. */
public enum Protocol {
  OTLP("otlp"),
  REMOTE_WRITE("remote_write"),
  JSON("json"),
  /** Samples Glasshouse scraped itself (the collector's scrape manager). */
  SCRAPE("scrape");

  private final String tag;

  Protocol(String tag) {
    this.tag = tag;
  }

  /** Lower-case name for metric tags and logs. */
  public String tag() {
    return tag;
  }
}
