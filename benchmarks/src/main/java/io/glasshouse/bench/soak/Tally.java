package io.glasshouse.bench.soak;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The independent tally: per instance series, increases computed from the readings the instances sent and got
 * a 2xx for, with the usual rule for cumulative values (a value or bucket that went down is a restart from 0,
 * so the whole reading is the increase), summed per service, series and UTC minute of the reading's timestamp.
 * A reading never acknowledged counts nothing; its values are contained in the instance's next reading.
 */
final class Tally {
  /** Compared series: {@code service|requests_total|200}, {@code service|requests_total|500},
   * {@code service|latency_seconds|count}; minute start → total. */
  final Map<String, TreeMap<Long, Long>> perMinute = new TreeMap<>();
  private final Map<String, long[]> last = new HashMap<>();
  private long readings;

  synchronized void acknowledged(SimInstance.Reading r) {
    readings++;
    long minute = Math.floorDiv(r.tsMs(), 60_000L) * 60_000L;
    String key = r.service() + "|" + r.instance();
    add(r.service() + "|requests_total|200", minute, counter(key + "|ok", r.ok()));
    add(r.service() + "|requests_total|500", minute, counter(key + "|err", r.errors()));
    long[] prev = last.get(key + "|hist");
    boolean reset = prev == null;
    for (int i = 0; !reset && i < prev.length; i++) {
      reset = r.buckets()[i] < prev[i];
    }
    long count = r.buckets()[r.buckets().length - 1];
    add(r.service() + "|latency_seconds|count", minute, reset ? count : count - prev[prev.length - 1]);
    last.put(key + "|hist", r.buckets().clone());
  }

  synchronized long readings() {
    return readings;
  }

  private long counter(String key, long value) {
    long[] prev = last.get(key);
    long inc = prev == null || value < prev[0] ? value : value - prev[0];
    last.put(key, new long[] {value});
    return inc;
  }

  private void add(String series, long minute, long inc) {
    perMinute.computeIfAbsent(series, k -> new TreeMap<>()).merge(minute, inc, Long::sum);
  }
}
