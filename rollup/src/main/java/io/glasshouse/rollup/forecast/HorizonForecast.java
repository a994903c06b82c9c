package io.glasshouse.rollup.forecast;

import java.time.Duration;
import java.time.Instant;

/**
 * The forecast for one horizon: the point value at {@code at} (origin plus the horizon rounded to whole steps)
 * and the 80% and 95% prediction intervals, {@code lo95 <= lo80 <= point <= hi80 <= hi95}; {@code model} is the
 * model or combination the backtest chose for this horizon.
 */
public record HorizonForecast(Duration horizon, Instant at, String model, double point, double lo80, double hi80,
    double lo95, double hi95) {
}
