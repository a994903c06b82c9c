package io.glasshouse.rollup.instances;

import java.util.List;

/**
 * One instance as instance health shows it: registry facts, figures per window, and how it compares with its
 * peers.
 *
 * @param instance the instance id
 * @param version its version (OTLP {@code service.version}, or an info metric), or null
 * @param live a current sample arrived within {@code rollup.stale-after}; otherwise stale
 * @param firstSeenMs first sample timestamp
 * @param lastSeenMs last sample timestamp
 * @param figures its figures per configured window, shortest first
 * @param judgement whether it was compared with its peers, and if not, why not
 * @param deviations per signal (error ratio, latency) when judged; empty otherwise
 * @param outlier whether any signal flags it an outlier
 */
public record InstanceHealth(String instance, String version, boolean live, long firstSeenMs, long lastSeenMs,
    List<WindowFigures> figures, Judgement judgement, List<Deviation> deviations, boolean outlier) {

  /** Whether an instance was compared with its peers. */
  public enum Judgement {
    /** Compared with its peers. */
    JUDGED("judged"),
    /** Not live: no current sample within {@code rollup.stale-after}. */
    STALE("stale"),
    /** Fewer than {@code min-requests} requests in the judged window (a newcomer, an idle instance). */
    INSUFFICIENT_TRAFFIC("insufficient_traffic"),
    /** Fewer than {@code min-peers} live instances with enough traffic in the service. */
    TOO_FEW_PEERS("too_few_peers");

    private final String tag;

    Judgement(String tag) {
      this.tag = tag;
    }

    /** The name used in the read API. */
    public String tag() {
      return tag;
    }
  }
}
