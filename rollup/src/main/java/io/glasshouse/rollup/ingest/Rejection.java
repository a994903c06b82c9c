package io.glasshouse.rollup.ingest;

/**
 * Samples refused for one reason.
 *
 * @param reason a stable, snake_case code used as the {@code reason} tag of the server's own metrics, e.g.
 *     {@code missing_service}, {@code too_old}, {@code series_limit}
 * @param count how many samples
 * @param detail what the sender should change, for a person to read
 */
public record Rejection(String reason, int count, String detail) {
}
