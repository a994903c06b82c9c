package io.glasshouse.rollup.forecast;

import java.time.Instant;

/**
 * One scored point: the observed value, what the causal one-step forecast expected, the anomaly score in [0, 1]
 * (0.5 means the residual is {@link AnomalyDetector#DEFAULT_Z} robust standard deviations out) and whether it
 * crossed the detector's threshold. Gaps and the probation period score 0 and are never flagged.
 */
public record AnomalyPoint(Instant time, double value, double expected, double score, boolean flagged) {
}
