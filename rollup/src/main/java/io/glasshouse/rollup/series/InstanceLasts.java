package io.glasshouse.rollup.series;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The last reading of each instance of a gauge series in a cell: instance, value and the reading's timestamp,
 * for instances whose last reading falls in the cell's newest minute with data (an instance that stopped
 * reporting earlier in an hour or day cell is not part of the fleet's value at the cell's end, so it is dropped).
 *
 * <p>Merging is exact whatever the order: per instance the later timestamp wins (on a tie the reading merged
 * last), then only readings in the newest minute are kept. So merging across instances, across checkpoints of the
 * late window, and minutes into hours and days gives the same answer as reading every sample in order.
 * {@link #sum()} is then the fleet's value, like PromQL {@code sum(last_over_time(g[1m]))} over the instances.
 * Readings without an {@code instance} label count as one instance, {@code ""}. Immutable.
 */
public final class InstanceLasts {
  private final String[] instances;
  private final double[] values;
  private final long[] timestamps;

  private InstanceLasts(String[] instances, double[] values, long[] timestamps) {
    this.instances = instances;
    this.values = values;
    this.timestamps = timestamps;
  }

  /** The given readings (same length arrays), merged as {@link Builder#put} does. */
  public static InstanceLasts of(String[] instances, double[] values, long[] timestamps) {
    Builder b = new Builder();
    for (int i = 0; i < instances.length; i++) {
      b.put(instances[i], values[i], timestamps[i]);
    }
    return b.build();
  }

  public int size() {
    return instances.length;
  }

  public String instance(int i) {
    return instances[i];
  }

  public double value(int i) {
    return values[i];
  }

  public long timestampMs(int i) {
    return timestamps[i];
  }

  /** The sum of every instance's last reading: the fleet's value. */
  public double sum() {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }

  /** The newest minute with a reading (ms). */
  public long newestMinuteMs() {
    long newest = Long.MIN_VALUE;
    for (long t : timestamps) {
      newest = Math.max(newest, t);
    }
    return minute(newest);
  }

  /** The merge of {@code a} and {@code b} (either may be null); on equal timestamps {@code b} wins. */
  public static InstanceLasts merge(InstanceLasts a, InstanceLasts b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return new Builder().addAll(a).addAll(b).build();
  }

  static long minute(long ts) {
    return Math.floorDiv(ts, 60_000L) * 60_000L;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InstanceLasts l && Arrays.equals(instances, l.instances) && Arrays.equals(values, l.values)
        && Arrays.equals(timestamps, l.timestamps);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(instances) * 31 + Arrays.hashCode(timestamps);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < instances.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(instances[i]).append('=').append(values[i]).append('@')
          .append(timestamps[i]);
    }
    return sb.append('}').toString();
  }

  /** Collects readings; not thread-safe. Readings older than the newest minute seen are dropped on {@link #build}. */
  public static final class Builder {
    private final Map<String, Reading> byInstance = new HashMap<>(4);
    private long newestTs = Long.MIN_VALUE;

    /** A reading of {@code instance} (null: the series has no instance label) taken at {@code ts}. */
    public Builder put(String instance, double value, long ts) {
      String key = instance == null ? "" : instance;
      Reading r = byInstance.get(key);
      if (r == null) {
        byInstance.put(key, new Reading(value, ts));
      } else if (ts >= r.ts) {
        r.value = value;
        r.ts = ts;
      }
      newestTs = Math.max(newestTs, ts);
      return this;
    }

    public Builder addAll(InstanceLasts l) {
      if (l != null) {
        for (int i = 0; i < l.size(); i++) {
          put(l.instances[i], l.values[i], l.timestamps[i]);
        }
      }
      return this;
    }

    public boolean isEmpty() {
      return byInstance.isEmpty();
    }

    /** The readings in the newest minute, in instance order; null when there are none. */
    public InstanceLasts build() {
      if (byInstance.isEmpty()) {
        return null;
      }
      long newestMinute = minute(newestTs);
      String[] ids = byInstance.entrySet().stream().filter(e -> minute(e.getValue().ts) == newestMinute)
          .map(Map.Entry::getKey).sorted().toArray(String[]::new);
      double[] vs = new double[ids.length];
      long[] ts = new long[ids.length];
      for (int i = 0; i < ids.length; i++) {
        Reading r = byInstance.get(ids[i]);
        vs[i] = r.value;
        ts[i] = r.ts;
      }
      return new InstanceLasts(ids, vs, ts);
    }
  }

  private static final class Reading {
    double value;
    long ts;

    Reading(double value, long ts) {
      this.value = value;
      this.ts = ts;
    }
  }
}
