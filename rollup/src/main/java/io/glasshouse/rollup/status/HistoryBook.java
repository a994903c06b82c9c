package io.glasshouse.rollup.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Daily status time per component, in memory, with the days changed since the last save. Not thread-safe. */
final class HistoryBook {
  private final Map<String, TreeMap<LocalDate, DailyStatus>> days = new HashMap<>();
  private final Set<DayKey> dirty = new LinkedHashSet<>();

  private record DayKey(String componentId, LocalDate day) {
  }

  void load(List<DailyStatus> stored) {
    for (DailyStatus d : stored) {
      days.computeIfAbsent(d.componentId(), k -> new TreeMap<>()).put(d.day(), d);
    }
  }

  /** Counts [from, to) as time in {@code status}, split at UTC midnights. */
  void add(String componentId, ComponentStatus status, Instant from, Instant to) {
    Instant t = from;
    while (t.isBefore(to)) {
      LocalDate day = LocalDate.ofInstant(t, ZoneOffset.UTC);
      Instant next = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      Instant end = next.isBefore(to) ? next : to;
      TreeMap<LocalDate, DailyStatus> book = days.computeIfAbsent(componentId, k -> new TreeMap<>());
      book.put(day, book.getOrDefault(day, DailyStatus.empty(componentId, day))
          .plus(status, end.toEpochMilli() - t.toEpochMilli()));
      dirty.add(new DayKey(componentId, day));
      t = end;
    }
  }

  /** Days changed since the last call. */
  List<DailyStatus> drainDirty() {
    List<DailyStatus> out = new ArrayList<>();
    for (DayKey k : dirty) {
      out.add(days.get(k.componentId()).get(k.day()));
    }
    dirty.clear();
    return out;
  }

  /** One entry per day from {@code first} to {@code last} inclusive; days without data are empty. */
  List<DailyStatus> range(String componentId, LocalDate first, LocalDate last) {
    TreeMap<LocalDate, DailyStatus> book = days.getOrDefault(componentId, new TreeMap<>());
    List<DailyStatus> out = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      out.add(book.getOrDefault(d, DailyStatus.empty(componentId, d)));
    }
    return out;
  }

  void purgeBefore(LocalDate day) {
    days.values().forEach(b -> b.headMap(day).clear());
  }
}
