package io.glasshouse.alerts.silence;

import io.glasshouse.alerts.route.Matcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The silences known to this node. Validation on create: at least one matcher, not every matcher matching the
 * empty string (Alertmanager refuses silences that would mute everything), a creator and a comment, and
 * {@code endsAt} after {@code startsAt} and after now. Expired silences are kept for {@link #RETENTION} so the
 * staff view can show them. Thread-safe.
 */
public final class Silences {
  /** How long expired silences are kept (Alertmanager's default {@code --data.retention}). */
  public static final Duration RETENTION = Duration.ofDays(5);

  private final Map<String, Silence> byId = new ConcurrentHashMap<>();

  /** Adds silences read back from the store. */
  public void restore(List<Silence> silences) {
    for (Silence s : silences) {
      byId.put(s.id(), s);
    }
  }

  /**
   * Creates a silence.
   *
   * @throws IllegalArgumentException naming the field to fix; nothing is stored then
   */
  public Silence create(List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment,
      Instant now) {
    if (matchers.isEmpty()) {
      throw new IllegalArgumentException("matchers: a silence needs at least one matcher");
    }
    if (matchers.stream().allMatch(m -> m.matches(Map.of()))) {
      throw new IllegalArgumentException("matchers: at least one matcher must not match the empty string, "
          + "otherwise the silence would mute every alert");
    }
    if (createdBy == null || createdBy.isBlank()) {
      throw new IllegalArgumentException("createdBy: say who creates the silence");
    }
    if (comment == null || comment.isBlank()) {
      throw new IllegalArgumentException("comment: say why the alerts are silenced");
    }
    Instant start = startsAt == null ? now : startsAt;
    if (endsAt == null || !endsAt.isAfter(start) || !endsAt.isAfter(now)) {
      throw new IllegalArgumentException("endsAt: must be after startsAt and in the future");
    }
    Silence s = new Silence(UUID.randomUUID().toString(), matchers, start, endsAt, createdBy.trim(), comment.trim(),
        now);
    byId.put(s.id(), s);
    return s;
  }

  /** Expires a silence now; empty when no such silence. */
  public Optional<Silence> expire(String id, Instant now) {
    Silence s = byId.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Silence e = s.expiredAt(now);
    byId.put(id, e);
    return Optional.of(e);
  }

  public Optional<Silence> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Whether an active silence mutes these labels; the first one's id, if so. */
  public Optional<String> mutedBy(Map<String, String> labels, Instant now) {
    for (Silence s : byId.values()) {
      if (s.mutes(labels, now)) {
        return Optional.of(s.id());
      }
    }
    return Optional.empty();
  }

  /** All silences not expired for longer than {@link #RETENTION}, newest first; drops older ones. */
  public List<Silence> list(Instant now) {
    byId.values().removeIf(s -> s.endsAt().plus(RETENTION).isBefore(now));
    List<Silence> out = new ArrayList<>(byId.values());
    out.sort(Comparator.comparing(Silence::updatedAt).reversed());
    return out;
  }
}
