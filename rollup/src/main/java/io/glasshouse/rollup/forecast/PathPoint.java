package io.glasshouse.rollup.forecast;

import java.time.Instant;

/** One point of the forecast path for charting: the point forecast and the 80% and 95% bands at {@code time}. */
public record PathPoint(Instant time, double value, double lo80, double hi80, double lo95, double hi95) {
}
