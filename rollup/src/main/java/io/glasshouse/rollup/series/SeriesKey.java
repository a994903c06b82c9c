package io.glasshouse.rollup.series;

import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.MetricKind;

/**
 * Identity of a rollup series: a service's metric with the labels kept after instance-identifying and
 * dropped labels are removed ({@code service} itself is not among {@code labels}).
 */
public record SeriesKey(String service, String metric, MetricKind kind, Labels labels) {
}
