package io.glasshouse.rollup.series;

/**
 * An instance as the registry knows it.
 *
 * @param live seen within the staleness window
 * @param version the instance's {@code version} label, or null
 */
public record InstanceInfo(String service, String instance, long firstSeenMs, long lastSeenMs, boolean live,
    String version) {
}
