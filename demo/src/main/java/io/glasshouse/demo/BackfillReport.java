package io.glasshouse.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * What a {@link DemoBackfill} run sent.
 *
 * @param samples samples the server accepted (every sample sent, since a run fails on the first batch not fully
 *     accepted)
 * @param requests successful ingest requests
 * @param retries requests repeated after a 503, a 429 with {@code Retry-After}, a 5xx or a connection failure
 * @param from timestamp of the oldest sample
 * @param to timestamp of the newest sample
 * @param duration wall time the run took
 */
public record BackfillReport(long samples, long requests, long retries, Instant from, Instant to,
    Duration duration) {
}
