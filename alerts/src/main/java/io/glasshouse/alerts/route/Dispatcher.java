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
  /**
   * A notification to send to one integration of a receiver, and the log entry to write once it is delivered.
   *
   * @param integration the index of the integration in the receiver's list
   */
  public record Planned(Notification notification, int integration, NflogEntry onSuccess) {
  }

  /** What the dispatcher needs to know of an integration: whether it sends resolved, whether it acknowledges. */
  public record Target(boolean sendResolved, boolean acknowledges) {
  }

  private final Route root;
  private volatile List<InhibitRule> inhibitRules;
  private final Map<String, List<Target>> targets;
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

  /**
   * @param targets per receiver name, its integrations in order; deduplication is per integration, as in
   *     Alertmanager, so one failing integration never makes the others notify twice
   */
  public Dispatcher(Route root, List<InhibitRule> inhibitRules, Map<String, List<Target>> targets) {
    this.root = root;
    this.inhibitRules = List.copyOf(inhibitRules);
    this.targets = Map.copyOf(targets);
  }

  /** Uses {@code rules} as the inhibition rules from now on (groups and their timers are kept). */
  public void replaceInhibitRules(List<InhibitRule> rules) {
    this.inhibitRules = List.copyOf(rules);
  }

  /** The notification log's receiver key of one integration: {@code name/index}. */
  public static String logKey(String receiver, int integration) {
    return receiver + "/" + integration;
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
          if (a.resolved() && nflog.entry(key, logKey(r.receiver(), 0)).isEmpty()) {
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
      out.addAll(flush(e.getKey(), g, firing, silences, nflog, now, externalUrl));
    }
    return out;
  }

  private List<Planned> flush(String key, Group g, List<Alert> allFiring, Silences silences, NotificationLog nflog,
      Instant now, String externalUrl) {
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
    Set<String> firingSet = fingerprints(firing);
    Set<String> resolvedSet = fingerprints(resolved);
    List<Planned> out = new ArrayList<>();
    List<Target> ts = targets.getOrDefault(receiver, List.of());
    for (int i = 0; i < ts.size(); i++) {
      Target t = ts.get(i);
      String logKey = logKey(receiver, i);
      Optional<NflogEntry> entry = nflog.entry(key, logKey);
      if (firing.isEmpty() && resolved.isEmpty()) {
        if (t.acknowledges() && silencedFiring && entry.isPresent() && !entry.get().firing().isEmpty()
            && !entry.get().acknowledged()) {
          NflogEntry prev = entry.get();
          Notification n = new Notification(receiver, key, "acknowledged", g.labels, List.of(), externalUrl);
          out.add(new Planned(n, i, new NflogEntry(key, logKey, prev.firing(), prev.resolved(), now, true)));
        }
        continue;
      }
      if (!needsUpdate(entry.orElse(null), firingSet, resolvedSet, t.sendResolved(), g.route, now)) {
        continue;
      }
      List<Alert> list = new ArrayList<>(firing);
      if (t.sendResolved()) {
        list.addAll(resolved);
      }
      NflogEntry logged = new NflogEntry(key, logKey, firingSet, resolvedSet, now, false);
      if (list.isEmpty()) {
        // everything resolved and this integration does not send resolved: nothing to send, remember it
        out.add(new Planned(null, i, logged));
        continue;
      }
      Notification n = new Notification(receiver, key, firing.isEmpty() ? "resolved" : "firing", g.labels, list,
          externalUrl);
      out.add(new Planned(n, i, logged));
    }
    return out;
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
