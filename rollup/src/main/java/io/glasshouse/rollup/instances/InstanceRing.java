package io.glasshouse.rollup.instances;

import io.glasshouse.rollup.sample.Buckets;
import java.time.Duration;
import java.util.Arrays;

/**
 * One instance's recent minutes, by sample timestamp: requests, error requests and a {@link LatencySketch} per
 * minute, for the last {@value #MINUTES} minutes (plus the current one and the one settling). Older samples
 * (backfills, late pushes) do not touch it; the service rollups count them as usual.
 *
 * <p>Size: {@value #SLOTS} slots of a minute stamp and two doubles (about 470 bytes with the arrays' headers) and,
 * once the instance sends latency, a 276-byte sketch per slot: about 5.2 KB per instance with latency, 0.5 KB
 * without (see the rollup README). Memory only: a restart starts it afresh from what the journal replays.
 *
 * <p>Confined to the engine's writer thread; readers see {@link ServiceHealth} snapshots built from it.
 */
public final class InstanceRing {
  /** The longest window figures can be given for, in minutes. */
  public static final int MINUTES = 15;
  static final int SLOTS = MINUTES + 2;
  private static final long MINUTE_MS = 60_000;

  private final long[] minute = new long[SLOTS];
  private final double[] total = new double[SLOTS];
  private final double[] bad = new double[SLOTS];
  private float[][] latency;
  private long newest = Long.MIN_VALUE;
  private int requestRank = Integer.MAX_VALUE;
  private int latencyRank = Integer.MAX_VALUE;
  /** When the instance began to deviate on error ratio / latency, or {@link Long#MIN_VALUE}. */
  long errorSinceMs = Long.MIN_VALUE;
  long latencySinceMs = Long.MIN_VALUE;

  public InstanceRing() {
    Arrays.fill(minute, Long.MIN_VALUE);
  }

  /**
   * Counts {@code increase} requests of the request metric ranked {@code rank} (0 most preferred, see
   * {@link Signals}) stamped {@code timestampMs}; {@code error} when they match the error selectors. A more
   * preferred metric than the one counted so far replaces it (its minutes start again); a less preferred one is
   * ignored.
   */
  public void requests(int rank, long timestampMs, double increase, boolean error) {
    if (rank > requestRank) {
      return;
    }
    if (rank < requestRank) {
      requestRank = rank;
      Arrays.fill(total, 0);
      Arrays.fill(bad, 0);
    }
    int i = slot(timestampMs);
    if (i < 0 || !(increase > 0)) {
      return;
    }
    total[i] += increase;
    if (error) {
      bad[i] += increase;
    }
  }

  /** Adds a latency increase of the histogram ranked {@code rank}; preference works as for requests. */
  public void latency(int rank, long timestampMs, Buckets increase) {
    if (rank > latencyRank) {
      return;
    }
    if (rank < latencyRank) {
      latencyRank = rank;
      latency = null;
    }
    int i = slot(timestampMs);
    if (i < 0 || increase == null || increase.count() <= 0) {
      return;
    }
    if (latency == null) {
      latency = new float[SLOTS][];
    }
    if (latency[i] == null) {
      latency[i] = LatencySketch.create();
    }
    LatencySketch.add(latency[i], increase);
  }

  /** The slot of the minute of {@code ts}, cleared if it held an older minute; -1 when too old to keep. */
  private int slot(long ts) {
    long m = Math.floorDiv(ts, MINUTE_MS);
    if (m > newest) {
      newest = m;
    } else if (m <= newest - SLOTS) {
      return -1;
    }
    int i = (int) Math.floorMod(m, (long) SLOTS);
    if (minute[i] != m) {
      minute[i] = m;
      total[i] = 0;
      bad[i] = 0;
      if (latency != null && latency[i] != null) {
        Arrays.fill(latency[i], 0);
      }
    }
    return i;
  }

  /** Sums of a window: requests, errors and the merged latency sketch. */
  record Sums(double requests, double errors, float[] latency) {
  }

  /** The minutes {@code [endMs - window, endMs)} (endMs on a minute boundary). */
  Sums sums(long endMs, Duration window) {
    long end = Math.floorDiv(endMs, MINUTE_MS);
    long from = end - Math.min(window.toMinutes(), MINUTES);
    double t = 0;
    double b = 0;
    float[] sketch = LatencySketch.create();
    for (long m = from; m < end; m++) {
      int i = (int) Math.floorMod(m, (long) SLOTS);
      if (minute[i] != m) {
        continue;
      }
      t += total[i];
      b += bad[i];
      if (latency != null && latency[i] != null) {
        LatencySketch.merge(sketch, latency[i]);
      }
    }
    return new Sums(t, b, sketch);
  }
}
