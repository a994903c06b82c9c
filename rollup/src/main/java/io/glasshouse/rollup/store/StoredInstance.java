package io.glasshouse.rollup.store;

/** A row of the instance registry. {@code version} may be null. */
public record StoredInstance(String service, String instance, long firstSeenMs, long lastSeenMs, String version) {
}
