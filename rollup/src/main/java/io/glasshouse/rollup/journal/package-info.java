/**
 * The write-ahead journal that makes a 2xx on ingest durable: batches are appended and forced before the
 * answer, replayed after a crash from the last checkpoint, and deleted once a checkpoint covers them.
 */
package io.glasshouse.rollup.journal;
