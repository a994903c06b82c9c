/**
 * Validation of decoded samples and the bookkeeping of what was refused.
 *
 * <p>Decoders (OTLP, remote write, JSON) turn bytes into {@link io.glasshouse.rollup.sample.Sample}s and
 * record what they could not turn into samples in a {@link io.glasshouse.collector.validate.RejectionTally};
 * {@link io.glasshouse.collector.validate.SampleValidator} then checks every sample against the
 * {@link io.glasshouse.collector.validate.ValidationLimits} and the clock. Reason codes are the constants of
 * {@link io.glasshouse.collector.validate.Reasons}; they are the {@code reason} tag of
 * {@code glasshouse_ingest_samples_rejected_total}.
 *
 * <p>Before any of that, {@link io.glasshouse.collector.validate.ShapeLimits} bound what a body may expand to;
 * {@link io.glasshouse.collector.validate.JsonShape}, {@link io.glasshouse.collector.validate.ProtoWalk} and
 * {@link io.glasshouse.collector.validate.ProtoValues} count its elements without building them and throw
 * {@link io.glasshouse.collector.validate.RequestTooLargeException} past a limit. Everything here is free of HTTP and of I/O, so it can be
 * called from benchmarks and tests directly.
 */
package io.glasshouse.collector.validate;
