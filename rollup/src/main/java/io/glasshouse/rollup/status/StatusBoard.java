package io.glasshouse.rollup.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The status state machine: each {@link #evaluate} derives every component's status from the inputs (see
 * {@link StatusRules}), smooths it ({@link Hysteresis}), lays maintenance, statuses declared by open incidents
 * ({@link StatusInputs#declared()}: shown only when worse) and overrides on top, counts the time
 * since the previous evaluation into the daily history under the status that was shown during it, and returns an
 * immutable {@link StatusSnapshot}.
 *
 * <p>Time between two evaluations counts at most {@link #maxGap()} (three evaluation intervals, at least a
 * minute): a longer gap (the process was suspended or stopped) is time nobody observed and counts in no status.
 * Not thread-safe: one evaluator owns it.
 */
public final class StatusBoard {
  private static final Comparator<ComponentDefinition> ORDER = Comparator.comparing(ComponentDefinition::group)
      .thenComparingInt(ComponentDefinition::position).thenComparing(ComponentDefinition::id);

  private final StatusConfig config;
  private final StatusRules rules;
  private final Map<String, Track> tracks = new HashMap<>();
  private final HistoryBook history = new HistoryBook();
  private Instant last;

  /** A component's evaluation state. */
  private static final class Track {
    final Hysteresis hysteresis;
    Map<String, Instant> firstSeen = new HashMap<>();
    ComponentStatus shown;
    Instant shownSince;

    Track(Duration improveAfter) {
      hysteresis = new Hysteresis(improveAfter);
    }
  }

  public StatusBoard(StatusConfig config) {
    this.config = config;
    this.rules = new StatusRules(config);
  }

  /** Adds stored days (at start, before the first evaluation). */
  public void loadHistory(List<DailyStatus> stored) {
    history.load(stored);
  }

  /** The longest gap between evaluations that counts into history. */
  public Duration maxGap() {
    Duration three = config.evaluateEvery().multipliedBy(3);
    return three.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : three;
  }

  /**
   * One evaluation at {@code now}.
   *
   * @param components the components now (they may change between evaluations)
   * @param inputs     the figures the rules read
   * @param overrides  overrides by component id; only those {@linkplain StatusOverride#activeAt active} at
   *                   {@code now} apply
   */
  public StatusSnapshot evaluate(List<ComponentDefinition> components, StatusInputs inputs,
      Map<String, StatusOverride> overrides, Instant now) {
    countSinceLast(now);
    List<ComponentDefinition> ordered = new ArrayList<>(components);
    ordered.sort(ORDER);
    List<ComponentState> states = new ArrayList<>();
    Set<String> present = new HashSet<>();
    for (ComponentDefinition c : ordered) {
      present.add(c.id());
      states.add(evaluate(c, inputs, overrides.get(c.id()), now));
    }
    tracks.keySet().retainAll(present);
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate first = today.minusDays(StatusConfig.HISTORY_DAYS - 1L);
    Map<String, List<DailyStatus>> days = new LinkedHashMap<>();
    for (ComponentDefinition c : ordered) {
      days.put(c.id(), List.copyOf(history.range(c.id(), first, today)));
    }
    PageStatus page = PageStatus.of(states.stream().filter(s -> s.component().isPublic())
        .map(ComponentState::status).toList());
    return new StatusSnapshot(now, states, page, days, config.weights());
  }

  private void countSinceLast(Instant now) {
    if (last != null && now.isAfter(last)) {
      Duration gap = Duration.between(last, now);
      Instant from = gap.compareTo(maxGap()) > 0 ? now.minus(maxGap()) : last;
      tracks.forEach((id, t) -> history.add(id, t.shown, from, now));
    }
    if (last == null || now.isAfter(last)) {
      last = now;
    }
  }

  private ComponentState evaluate(ComponentDefinition c, StatusInputs inputs, StatusOverride override,
      Instant now) {
    Track t = tracks.computeIfAbsent(c.id(), k -> new Track(config.improveAfter()));
    Map<String, Instant> seen = new HashMap<>();
    List<StatusReason> firing = new ArrayList<>();
    for (StatusReason r : rules.derive(c, inputs)) {
      Instant since = t.firstSeen.getOrDefault(r.key(), now);
      seen.put(r.key(), since);
      firing.add(r.withSince(since));
    }
    ComponentStatus derived = firing.isEmpty() ? ComponentStatus.OPERATIONAL : firing.get(0).status();
    StatusReason top = firing.isEmpty() ? since(t, seen, StatusReason.allClear(), now) : firing.get(0);
    t.hysteresis.update(derived, top, now);

    ComponentStatus status;
    StatusReason reason;
    boolean overridden = override != null && override.activeAt(now);
    if (overridden) {
      status = override.status();
      reason = StatusReason.overridden(override);
    } else if (inputs.maintenances().contains(c.id())) {
      status = ComponentStatus.UNDER_MAINTENANCE;
      reason = since(t, seen, StatusReason.maintenance(), now);
    } else {
      status = t.hysteresis.shown();
      reason = t.hysteresis.reason();
    }
    DeclaredStatus declared = overridden ? null : inputs.declared().get(c.id());
    boolean incident = declared != null && declared.status().worseThan(status);
    if (incident) {
      // the worse of declared and derived (or maintenance) shows; the derived status keeps evolving underneath
      status = declared.status();
      reason = since(t, seen, StatusReason.declared(declared), now);
    }
    t.firstSeen = seen;
    if (status != t.shown) {
      t.shown = status;
      t.shownSince = now;
    }
    return new ComponentState(c, status, reason, t.shownSince, derived, firing,
        overridden || incident || status == ComponentStatus.UNDER_MAINTENANCE ? null : t.hysteresis.improvesAt(),
        overridden ? override : null);
  }

  private static StatusReason since(Track t, Map<String, Instant> seen, StatusReason r, Instant now) {
    Instant since = t.firstSeen.getOrDefault(r.key(), now);
    seen.put(r.key(), since);
    return r.withSince(since);
  }

  /** Days changed since the last call, to be saved. */
  public List<DailyStatus> unsavedDays() {
    return history.drainDirty();
  }

  /** Forgets days before {@code day} (the store is purged separately). */
  public void purgeBefore(LocalDate day) {
    history.purgeBefore(day);
  }
}
