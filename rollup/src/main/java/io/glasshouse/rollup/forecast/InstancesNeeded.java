package io.glasshouse.rollup.forecast;

import java.time.Duration;
import java.time.Instant;

/**
 * Identical instances needed at one horizon so each runs at or below the target utilisation:
 * {@code forPoint = ceil(point / (perInstanceCapacity * targetUtilisation))}, {@code forUpper80} likewise from
 * the upper 80% bound (the figure to provision by). Never less than 1.
 */
public record InstancesNeeded(Duration horizon, Instant at, int forPoint, int forUpper80) {
}
