/**
 * The JSON read API: services, instances, metrics and range queries over the rollups, with its OpenAPI 3.1
 * document at {@code /openapi.yaml} (the resource {@code openapi.yaml}, kept in step with the routes by a test).
 *
 * <p>Times are ISO-8601 UTC in and out. Every error is {@code application/problem+json} (RFC 9457) with
 * {@code type}, {@code title}, {@code status}, {@code detail} and, for a bad request, the {@code parameter} to
 * fix. The query semantics live in {@link io.glasshouse.rollup.query}; this package only translates HTTP.
 */
package io.glasshouse.statuspage.api;
