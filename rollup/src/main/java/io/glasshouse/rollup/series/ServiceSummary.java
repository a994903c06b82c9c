package io.glasshouse.rollup.series;

/** A service with its instance counts and how many rollup series it has. */
public record ServiceSummary(String service, int liveInstances, int staleInstances, int seriesCount) {
}
