package io.glasshouse.rollup.instances;

import java.time.Duration;

/**
 * One instance's figures over a recent window of whole minutes.
 *
 * @param window the window's length
 * @param requests requests counted in it
 * @param errors error requests among them
 * @param errorRatio {@code errors / requests}; NaN without requests
 * @param ratePerSecond {@code requests} per second of the window
 * @param latencyCount observations of the latency histogram
 * @param p50 median latency in seconds (NaN without observations), from the instance's {@link LatencySketch}
 * @param p90 90th percentile latency in seconds
 * @param p99 99th percentile latency in seconds
 */
public record WindowFigures(Duration window, double requests, double errors, double errorRatio, double ratePerSecond,
    double latencyCount, double p50, double p90, double p99) {

  static WindowFigures of(Duration window, InstanceRing.Sums s) {
    return new WindowFigures(window, s.requests(), s.errors(),
        s.requests() > 0 ? s.errors() / s.requests() : Double.NaN, s.requests() / window.toSeconds(),
        LatencySketch.count(s.latency()), LatencySketch.quantile(s.latency(), 0.5),
        LatencySketch.quantile(s.latency(), 0.9), LatencySketch.quantile(s.latency(), 0.99));
  }
}
