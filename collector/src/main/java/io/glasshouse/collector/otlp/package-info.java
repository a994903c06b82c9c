/**
 * OTLP/HTTP metrics: {@link io.glasshouse.collector.otlp.OtlpDecoder} turns an
 * {@code ExportMetricsServiceRequest} (protobuf or OTLP JSON) into samples through protobuf's generated classes (the
 * reference); {@link io.glasshouse.collector.otlp.FastOtlpDecoder} decodes protobuf bodies into the same samples
 * straight from the request buffer (the default, {@code collector.decoder: fast}).
 *
 * <p>Mapping: resource attribute {@code service.name} → label {@code service}, {@code service.instance.id} →
 * {@code instance}, {@code service.version} → {@code version} (the well-known labels of DESIGN.md; the rollup
 * engine takes an OTLP sample's {@code version} as its instance's version); other resource and point attributes become labels with dots replaced by underscores
 * ({@code telemetry.sdk.*} describe the SDK, not the service, and are left out); metric names get the same dot
 * mapping. Latency units ({@code s}, {@code ms}, {@code us}, {@code ns}) of histograms and summaries are
 * converted to seconds. The error body message {@code google.rpc.Status} is generated from
 * {@code src/main/proto/rpc_status.proto} into {@code io.glasshouse.collector.otlp.proto}.
 */
package io.glasshouse.collector.otlp;
