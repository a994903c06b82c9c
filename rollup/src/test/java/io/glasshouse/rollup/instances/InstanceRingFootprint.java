package io.glasshouse.rollup.instances;

import io.glasshouse.rollup.sample.Buckets;

/**
 * Measures the heap an {@link InstanceRing} costs: fills 20,000 rings (every slot with requests, and with latency
 * when asked) and prints the retained heap per ring. Not a test: run it from the test classpath,
 * {@code java -cp … io.glasshouse.rollup.instances.InstanceRingFootprint}.
 */
public final class InstanceRingFootprint {
  private InstanceRingFootprint() {
  }

  public static void main(String[] args) {
    for (boolean latency : new boolean[] {false, true}) {
      int n = 20_000;
      long before = used();
      InstanceRing[] rings = new InstanceRing[n];
      Buckets b = new Buckets(new double[] {0.05, 0.1, 0.25, 0.5, 1}, new long[] {3, 40, 5, 1, 1, 0}, 50, 4);
      for (int i = 0; i < n; i++) {
        InstanceRing r = new InstanceRing();
        for (int m = 0; m < InstanceRing.SLOTS; m++) {
          r.requests(0, m * 60_000L, 100, false);
          if (latency) {
            r.latency(0, m * 60_000L, b);
          }
        }
        rings[i] = r;
      }
      long after = used();
      System.out.printf("InstanceRing %s latency: %.0f bytes per instance (%d rings)%n", latency ? "with" : "without",
          (after - before) / (double) n, rings.length);
    }
  }

  /** Heap in use once collections stop freeing anything (at most 20 rounds), not after a fixed pause. */
  private static long used() {
    Runtime rt = Runtime.getRuntime();
    long previous = Long.MAX_VALUE;
    for (int i = 0; i < 20; i++) {
      System.gc();
      long now = rt.totalMemory() - rt.freeMemory();
      if (now >= previous - previous / 1000) {
        return now;
      }
      previous = now;
    }
    return previous;
  }
}
