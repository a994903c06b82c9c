package io.glasshouse.alerts.nflog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The notification log: per group and receiver, the last successful notification ({@link NflogEntry}, which
 * deduplicates: a group is notified again only when its firing set grows, something new resolved, or the repeat
 * interval passed), and the last {@value #DELIVERIES} {@link Delivery} outcomes for the staff view. Thread-safe.
 */
public final class NotificationLog {
  /** Delivery outcomes kept in memory for the staff view. */
  public static final int DELIVERIES = 500;

  private final Map<String, NflogEntry> entries = new ConcurrentHashMap<>();
  private final Deque<Delivery> deliveries = new ArrayDeque<>();

  public void restore(List<NflogEntry> restored, List<Delivery> recent) {
    for (NflogEntry e : restored) {
      entries.put(e.key(), e);
    }
    synchronized (deliveries) {
      for (Delivery d : recent) {
        deliveries.addLast(d);
      }
    }
  }

  public Optional<NflogEntry> entry(String groupKey, String receiver) {
    return Optional.ofNullable(entries.get(NflogEntry.key(groupKey, receiver)));
  }

  public void log(NflogEntry e) {
    entries.put(e.key(), e);
  }

  public void record(Delivery d) {
    synchronized (deliveries) {
      deliveries.addFirst(d);
      while (deliveries.size() > DELIVERIES) {
        deliveries.removeLast();
      }
    }
  }

  /** Recent deliveries, newest first. */
  public List<Delivery> deliveries() {
    synchronized (deliveries) {
      return new ArrayList<>(deliveries);
    }
  }

  public List<NflogEntry> entries() {
    return new ArrayList<>(entries.values());
  }
}
