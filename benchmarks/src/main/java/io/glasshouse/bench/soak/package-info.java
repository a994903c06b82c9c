/**
 * The soak benchmark ({@code soak}): the packaged server as a separate process, a simulated fleet with
 * cumulative counters and a cumulative histogram sent over the JSON ingest API with churn, a sender outage, a
 * store outage and repeated {@code kill -9}, and at the end the service's per-minute totals from the read API
 * against an independent tally of what the instances reported. See {@link io.glasshouse.bench.soak.Soak}.
 */
package io.glasshouse.bench.soak;
