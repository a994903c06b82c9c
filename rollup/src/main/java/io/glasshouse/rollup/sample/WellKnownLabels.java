package io.glasshouse.rollup.sample;

/** Label names with a meaning across protocols (DESIGN.md, "Data model"). */
public final class WellKnownLabels {
  public static final String SERVICE = "service";
  public static final String INSTANCE = "instance";
  public static final String CUSTOMER = "customer";
  public static final String VERSION = "version";
  public static final String REGION = "region";
  public static final String ZONE = "zone";

  private WellKnownLabels() {
  }
}
