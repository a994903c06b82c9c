package io.glasshouse.rollup.instances;

/**
 * How one instance compares with its peers on one signal, with the figures that show why it is (or is not) an
 * outlier. The peers are the service's live instances with enough traffic, this one included.
 *
 * <p>{@code score = (value - peerMedian) / scale} with {@code scale = max(1.4826 × mad, minDifference /
 * threshold)}: 1.4826 × MAD estimates the standard deviation of normal data, and the floor keeps the score
 * finite when the peers agree exactly. The instance <em>deviates</em> when {@code score > threshold} and
 * {@code value - peerMedian >= minDifference}; only values above the median deviate (fewer errors or lower
 * latency than the peers is no fault). It is an <em>outlier</em> once it has deviated for the configured
 * {@code for} duration, without a break.
 *
 * @param signal {@code error_ratio} or {@code latency} (the configured quantile, in seconds)
 * @param quantile for latency, the quantile compared; NaN for the error ratio
 * @param value the instance's value over the judged window
 * @param peerMedian median of the peers' values
 * @param mad median absolute deviation of the peers' values from their median
 * @param score the robust z-score above
 * @param threshold the score above which it deviates
 * @param minDifference the smallest difference to the median that counts (for latency: the larger of the
 *     configured absolute difference and {@code (min-latency-ratio - 1) × peerMedian})
 * @param peers how many instances the median and MAD were taken over
 * @param deviating whether it deviates now
 * @param deviatingSinceMs since when it has deviated without a break (epoch ms), or null
 * @param outlier deviating for at least the configured {@code for}
 */
public record Deviation(String signal, double quantile, double value, double peerMedian, double mad, double score,
    double threshold, double minDifference, int peers, boolean deviating, Long deviatingSinceMs, boolean outlier) {
  public static final String ERROR_RATIO = "error_ratio";
  public static final String LATENCY = "latency";
}
