/**
 * HTTP plumbing shared by the ingest endpoints: problem responses ({@link io.glasshouse.collector.http.HttpProblem},
 * RFC 9457), bounded decompression ({@link io.glasshouse.collector.http.ContentDecoding}; into a buffer each thread reuses:
 * {@link io.glasshouse.collector.http.SnappyBuffer}, {@link io.glasshouse.collector.http.GzipBuffer}), the in-flight request
 * bound in all and per token ({@link io.glasshouse.collector.http.InFlightLimiter}), early load shedding by queued
 * samples and queue delay ({@link io.glasshouse.collector.http.LoadShedder}) and the answer to requests that are
 * not valid HTTP ({@link io.glasshouse.collector.http.InvalidRequests}). Protocol-free: nothing here knows OTLP or Prometheus.
 * Bearer tokens are checked by {@link io.glasshouse.rollup.access.AccessTokens} (the token is also the client
 * identity for fairness).
 */
package io.glasshouse.collector.http;
