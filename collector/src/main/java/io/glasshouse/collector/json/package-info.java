/**
 * Glasshouse's own JSON batch format for scripts and {@code curl} ({@code POST /api/v1/ingest}), decoded by
 * {@link io.glasshouse.collector.json.JsonBatchDecoder}. The format is documented in the collector README.
 */
package io.glasshouse.collector.json;
