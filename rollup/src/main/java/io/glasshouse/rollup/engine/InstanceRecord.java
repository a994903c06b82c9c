package io.glasshouse.rollup.engine;

/**
 * An instance of a service as the registry tracks it. {@code firstSeenMs} and {@code lastSeenMs} are sample
 * timestamps (the history the instance covers); liveness and retention use arrival times by the engine's clock,
 * so backfilled history neither makes an instance look live nor keeps it in the registry.
 */
final class InstanceRecord {
  /**
   * How long after its timestamp a sample may arrive and still count as current (for liveness): senders push
   * within seconds; a backfill or a sender catching up after an outage arrives later. A sender whose clock runs
   * more than this behind shows as not live, though its data counts as usual.
   */
  static final long CURRENT_LAG_MS = 120_000;

  final String instance;
  long firstSeenMs;
  long lastSeenMs;
  String version;
  /** When a current sample of it last arrived (see {@link #arrived}); {@link Long#MIN_VALUE} if none did. */
  long lastHeardMs = Long.MIN_VALUE;
  /** When any sample of it last arrived. */
  long lastArrivalMs;
  boolean dirty;
  /** Recent minutes for per-instance figures; null until it sends a request or latency metric. Writer only. */
  io.glasshouse.rollup.instances.InstanceRing ring;

  InstanceRecord(String instance, long firstSeenMs, long lastSeenMs, String version) {
    this.instance = instance;
    this.firstSeenMs = firstSeenMs;
    this.lastSeenMs = lastSeenMs;
    this.version = version;
  }

  void seen(long ts, String v) {
    if (ts > lastSeenMs) {
      lastSeenMs = ts;
      dirty = true;
    }
    if (ts < firstSeenMs) {
      firstSeenMs = ts;
      dirty = true;
    }
    if (v != null && !v.equals(version)) {
      version = v;
      dirty = true;
    }
  }

  /**
   * Records that a sample stamped {@code ts} arrived at {@code nowMs}. Only a current sample, stamped at most
   * {@link #CURRENT_LAG_MS} (or the stale window, if shorter) before it arrived, makes the instance live:
   * backfilled history, which arrives long after its timestamps, does not.
   */
  void arrived(long ts, long nowMs, long staleMs) {
    lastArrivalMs = Math.max(lastArrivalMs, nowMs);
    if (nowMs - ts <= Math.min(CURRENT_LAG_MS, staleMs) && nowMs > lastHeardMs) {
      lastHeardMs = nowMs;
    }
  }

  /**
   * The instance was reported down ({@code up == 0}) at sample time {@code ts}: not live from now on, unless a
   * sighting stamped after {@code ts} already arrived. Its series and their baselines stay.
   */
  void down(long ts) {
    if (ts >= lastSeenMs) {
      lastHeardMs = Long.MIN_VALUE;
    }
  }

  /** Live: a current sample arrived within {@code staleMs} before {@code nowMs}. */
  boolean live(long nowMs, long staleMs) {
    return lastHeardMs != Long.MIN_VALUE && nowMs - lastHeardMs < staleMs;
  }

  /** The last time anything of this instance was heard of, by arrival or sample time. */
  long lastActivityMs() {
    return Math.max(lastArrivalMs, lastSeenMs);
  }
}
