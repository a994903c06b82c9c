/**
 * HTTP plumbing shared by the ingest endpoints: problem responses ({@link io.glasshouse.collector.http.HttpProblem},
 * RFC 9457), bounded decompression ({@link io.glasshouse.collector.http.ContentDecoding}), bearer tokens
 * ({@link io.glasshouse.collector.http.BearerTokens}) and the in-flight request bound
 * ({@link io.glasshouse.collector.http.InFlightLimiter}). Protocol-free: nothing here knows OTLP or Prometheus.
 */
package io.glasshouse.collector.http;
