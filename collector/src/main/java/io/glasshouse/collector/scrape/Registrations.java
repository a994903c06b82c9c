package io.glasshouse.collector.scrape;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Targets that registered themselves ({@code PUT /api/v1/scrape/targets/{job}/{instance}}): each holds until its
 * TTL passes without a renewal, or until it is deleted. A registration becomes a target group of one target, its
 * address, labelled with its labels, {@code instance} (the name it registered under) and
 * {@code __meta_registration_instance}. Thread-safe: registered from any event loop, read by the manager.
 */
final class Registrations {
  /** One registration; {@code expiresMs} by the injected clock. */
  record Registration(String job, String instance, String address, Map<String, String> labels, long expiresMs) {
  }

  private final Map<String, Map<String, Registration>> byJob = new ConcurrentHashMap<>();

  void put(Registration r) {
    byJob.computeIfAbsent(r.job(), j -> new ConcurrentHashMap<>()).put(r.instance(), r);
  }

  boolean remove(String job, String instance) {
    Map<String, Registration> m = byJob.get(job);
    return m != null && m.remove(instance) != null;
  }

  /** Removes expired registrations; returns the jobs that lost one. */
  Set<String> expire(long nowMs) {
    Set<String> changed = new HashSet<>();
    byJob.forEach((job, m) -> {
      if (m.values().removeIf(r -> r.expiresMs() <= nowMs)) {
        changed.add(job);
      }
    });
    return changed;
  }

  List<TargetGroup> groups(String job) {
    Map<String, Registration> m = byJob.get(job);
    List<TargetGroup> out = new ArrayList<>();
    if (m == null) {
      return out;
    }
    for (Registration r : m.values()) {
      Map<String, String> labels = new LinkedHashMap<>(r.labels());
      labels.put("instance", r.instance());
      labels.put("__meta_registration_instance", r.instance());
      out.add(new TargetGroup(List.of(r.address()), labels));
    }
    return out;
  }
}
