/**
 * Component status: which components there are, the status each has (derived from SLO burn and service
 * liveness, or overridden by a person), the overall page indicator, and daily history.
 */
package io.glasshouse.rollup.status;
