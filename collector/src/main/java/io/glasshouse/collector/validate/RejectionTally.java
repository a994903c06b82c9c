package io.glasshouse.collector.validate;

import io.glasshouse.rollup.ingest.Rejection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts refused samples by reason, keeping the first detail of each reason (the example a person reads), and
 * separately counts samples dropped on purpose (staleness markers), which are not errors.
 *
 * <p>Not thread-safe: one tally per request, filled on the event loop that decodes it.
 */
public final class RejectionTally {
  private final Map<String, int[]> counts = new LinkedHashMap<>();
  private final Map<String, String> details = new LinkedHashMap<>();
  private final Map<String, Integer> dropped = new LinkedHashMap<>();
  private int total;

  /** Records {@code count} samples refused for {@code reason}; {@code detail} is kept if it is the first. */
  public void reject(String reason, int count, String detail) {
    if (count <= 0) {
      return;
    }
    counts.computeIfAbsent(reason, r -> new int[1])[0] += count;
    details.putIfAbsent(reason, detail);
    total += count;
  }

  /** Records one refused sample. */
  public void reject(String reason, String detail) {
    reject(reason, 1, detail);
  }

  /** Records samples dropped silently (not an error for the sender). */
  public void drop(String reason, int count) {
    dropped.merge(reason, count, Integer::sum);
  }

  /** Adds another tally's rejections and drops to this one. */
  public void addAll(RejectionTally other) {
    other.counts.forEach((reason, c) -> reject(reason, c[0], other.details.get(reason)));
    other.dropped.forEach(this::drop);
  }

  /** Adds rejections reported by the rollup engine. */
  public void addAll(List<Rejection> rejections) {
    for (Rejection r : rejections) {
      reject(r.reason(), r.count(), r.detail());
    }
  }

  /** Whether a rejection with this reason was recorded already (then a new detail would be ignored). */
  public boolean has(String reason) {
    return counts.containsKey(reason);
  }

  public boolean isEmpty() {
    return total == 0;
  }

  /** Number of refused samples over all reasons. */
  public int total() {
    return total;
  }

  /** One {@link Rejection} per reason, in the order reasons were first seen. */
  public List<Rejection> rejections() {
    List<Rejection> out = new ArrayList<>(counts.size());
    counts.forEach((reason, c) -> out.add(new Rejection(reason, c[0], details.get(reason))));
    return out;
  }

  /** Samples dropped silently, by reason. */
  public Map<String, Integer> dropped() {
    return Map.copyOf(dropped);
  }

  /** "3 too_old (first: ...); 1 in_future (...)": a one-line summary for a problem {@code detail}. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    counts.forEach((reason, c) -> {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(c[0]).append(' ').append(reason).append(": ").append(details.get(reason));
    });
    return sb.toString();
  }
}
