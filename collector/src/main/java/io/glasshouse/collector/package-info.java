/**
 * The collector: non-blocking ingest over HTTP. {@link io.glasshouse.collector.CollectorRoutes#mount} puts the
 * OTLP, remote-write and JSON endpoints on a Vert.x router; {@link io.glasshouse.collector.CollectorConfig}
 * holds body, label and time-window limits and ingest tokens; {@link io.glasshouse.collector.CollectorMetrics}
 * documents the collector's own metrics and what to alert on. Decoders live in {@code .otlp},
 * {@code .remotewrite} and {@code .json}, validation in {@code .validate}, HTTP plumbing in {@code .http}.
 */
package io.glasshouse.collector;
