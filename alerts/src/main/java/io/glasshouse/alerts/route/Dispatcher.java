package io.glasshouse.alerts.route;

import io.glasshouse.alerts.nflog.NflogEntry;
import io.glasshouse.alerts.nflog.NotificationLog;
import io.glasshouse.alerts.receiver.Notification;
import io.glasshouse.alerts.silence.Silences;
import io.glasshouse.alerts.state.Alert;
import io.glasshouse.alerts.state.AlertState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * Alertmanager's dispatch pipeline over the engine's alerts, driven by the caller's clock:
 * <ol>
 *   <li>every firing or resolved alert is routed ({@link Route#match}) into aggregation groups keyed by route
 *       and group labels;
 *   <li>a new group is flushed after {@code group_wait}, then every {@code group_interval};
 *   <li>at a flush, alerts muted by an active silence or an inhibition rule are left out;
 *   <li>deduplication against the {@link NotificationLog} (Alertmanager's {@code needsUpdate}): notify when a
 *       firing alert was not in the last notification, when everything resolved that was firing, when something
 *       new resolved (if the receiver sends resolved), or when {@code repeat_interval} has passed.
 * </ol>
 * The result is a list of {@link Planned} notifications; the caller sends them and logs each success with
 * {@link Planned#onSuccess()}. Not thread-safe: one caller.
 */
public final class Dispatcher {
  /** A notification to send, and the log entry to write once it is delivered. */
  public record Planned(Notification notification, NflogEntry onSuccess, boolean sendResolved) {
  }

  private final Route root;
  private final List<InhibitRule> inhibitRules;
  private final Map<String, Boolean> sendsResolved;
  private final Map<String, Group> groups = new LinkedHashMap<>();

  private static final class Group {
    final Route route;
    final SortedMap<String, String> labels;
    final Instant createdAt;
    Instant lastFlush;
    final Map<String, Alert> alerts = new LinkedHashMap<>();

    Group(Route route, SortedMap<String, String> labels, Instant createdAt) {
      this.route = route;
      this.labels = labels;
      this.createdAt = createdAt;
    }
  }

  /** @param sendsResolved per receiver name, whether any of its integrations sends resolved alerts */
  public Dispatcher(Route root, List<InhibitRule> inhibitRules, Map<String, Boolean> sendsResolved) {
    this.root = root;
    this.inhibitRules = List.copyOf(inhibitRules);
    this.sendsResolved = Map.copyOf(sendsResolved);
  }

  /** The group key Alertmanager would write: route key, a colon, the group labels. */
  public static String groupKey(Route route, Map<String, String> groupLabels) {
    return route.key() + ":" + groupLabels.entrySet().stream()
        .map(e -> e.getKey() + "=\"" + e.getValue().replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(",", "{", "}"));
  }

  /** Routes {@code alerts} into their groups and returns the notifications due at {@code now}. */
  public List<Planned> step(Collection<Alert> alerts, Silences silences, NotificationLog nflog, Instant now,
      String externalUrl) {
    Set<String> present = new HashSet<>();
    List<Alert> firing = alerts.stream().filter(Alert::firing).toList();
    for (Alert a : alerts) {
      if (a.state() == AlertState.PENDING) {
        continue;
      }
      for (Route r : root.match(a.labels())) {
        SortedMap<String, String> gl = r.groupLabels(a.labels());
        String key = groupKey(r, gl);
        Group g = groups.get(key);
        if (g == null) {
          if (a.resolved() && nflog.entry(key, r.receiver()).isEmpty()) {
            continue;
          }
          g = new Group(r, gl, now);
          groups.put(key, g);
        }
        g.alerts.put(a.fingerprint(), a);
        present.add(key + "|" + a.fingerprint());
      }
    }
    List<Planned> out = new ArrayList<>();
    for (var it = groups.entrySet().iterator(); it.hasNext();) {
      var e = it.next();
      Group g = e.getValue();
      g.alerts.keySet().removeIf(fp -> !present.contains(e.getKey() + "|" + fp));
      if (g.alerts.isEmpty()) {
        it.remove();
        continue;
      }
      boolean due = g.lastFlush == null ? !now.isBefore(g.createdAt.plus(g.route.groupWait()))
          : !now.isBefore(g.lastFlush.plus(g.route.groupInterval()));
      if (!due) {
        continue;
      }
      g.lastFlush = now;
      flush(e.getKey(), g, firing, silences, nflog, now, externalUrl).ifPresent(out::add);
    }
    return out;
  }

  private Optional<Planned> flush(String key, Group g, List<Alert> allFiring, Silences silences,
      NotificationLog nflog, Instant now, String externalUrl) {
    List<Alert> firing = new ArrayList<>();
    List<Alert> resolved = new ArrayList<>();
    boolean silencedFiring = false;
    for (Alert a : g.alerts.values()) {
      boolean silenced = silences.mutedBy(a.labels(), now).isPresent();
      if (silenced || inhibited(a, allFiring)) {
        silencedFiring |= silenced && a.firing();
        continue;
      }
      (a.firing() ? firing : resolved).add(a);
    }
    String receiver = g.route.receiver();
    boolean sendResolved = sendsResolved.getOrDefault(receiver, true);
    Set<String> firingSet = fingerprints(firing);
    Set<String> resolvedSet = fingerprints(resolved);
    Optional<NflogEntry> entry = nflog.entry(key, receiver);
    if (firing.isEmpty() && resolved.isEmpty()) {
      if (silencedFiring && entry.isPresent() && !entry.get().firing().isEmpty() && !entry.get().acknowledged()) {
        NflogEntry prev = entry.get();
        Notification n = new Notification(receiver, key, "acknowledged", g.labels, List.of(), externalUrl);
        return Optional.of(new Planned(n, new NflogEntry(key, receiver, prev.firing(), prev.resolved(), now, true),
            sendResolved));
      }
      return Optional.empty();
    }
    if (!needsUpdate(entry.orElse(null), firingSet, resolvedSet, sendResolved, g.route, now)) {
      return Optional.empty();
    }
    List<Alert> list = new ArrayList<>(firing);
    list.addAll(resolved);
    Notification n = new Notification(receiver, key, firing.isEmpty() ? "resolved" : "firing", g.labels, list,
        externalUrl);
    return Optional.of(new Planned(n, new NflogEntry(key, receiver, firingSet, resolvedSet, now, false),
        sendResolved));
  }

  /** Alertmanager's {@code DedupStage.needsUpdate}. */
  static boolean needsUpdate(NflogEntry entry, Set<String> firing, Set<String> resolved, boolean sendResolved,
      Route route, Instant now) {
    if (entry == null) {
      return !firing.isEmpty();
    }
    if (!entry.firing().containsAll(firing)) {
      return true;
    }
    if (firing.isEmpty()) {
      return !entry.firing().isEmpty();
    }
    if (sendResolved && !entry.resolved().containsAll(resolved)) {
      return true;
    }
    return !now.isBefore(entry.at().plus(route.repeatInterval()));
  }

  /** Whether a firing alert (other than {@code a}) inhibits {@code a}. */
  public boolean inhibited(Alert a, List<Alert> firing) {
    for (InhibitRule rule : inhibitRules) {
      for (Alert s : firing) {
        if (s != a && !s.fingerprint().equals(a.fingerprint()) && rule.inhibits(s.labels(), a.labels())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Number of aggregation groups (for the staff view and metrics). */
  public int groupCount() {
    return groups.size();
  }

  private static Set<String> fingerprints(List<Alert> alerts) {
    Set<String> out = new HashSet<>();
    for (Alert a : alerts) {
      out.add(a.fingerprint());
    }
    return out;
  }

  /** For tests and the staff view: group key to the fingerprints in it. */
  public Map<String, Set<String>> groups() {
    Map<String, Set<String>> out = new HashMap<>();
    groups.forEach((k, g) -> out.put(k, new HashSet<>(g.alerts.keySet())));
    return out;
  }
}
