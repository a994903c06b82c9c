package io.glasshouse.rollup.forecast;

import java.util.Optional;

/**
 * When demand is forecast to reach {@code capacity}: {@code point} is when the point forecast first reaches it,
 * {@code upper95} when the upper 95% bound first does (the early warning; never later than {@code point}). Empty
 * when it does not happen within the forecast's longest horizon. Crossings between steps are interpolated linearly.
 */
public record Exhaustion(double capacity, Optional<java.time.Instant> point, Optional<java.time.Instant> upper95) {
}
