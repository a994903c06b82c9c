package io.glasshouse.rollup.series;

import io.glasshouse.rollup.sample.MetricKind;

/** A metric of a service and how many rollup series it has. */
public record MetricInfo(String metric, MetricKind kind, int seriesCount) {
}
