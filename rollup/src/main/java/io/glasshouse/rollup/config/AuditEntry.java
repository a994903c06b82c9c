package io.glasshouse.rollup.config;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * One change to a configuration object: who made it, when, and the object before and after.
 *
 * @param seq    position in the trail, ascending with time; assigned by the store (0 before it is stored)
 * @param at     when, from the server's clock
 * @param who    the name of the token used (never the secret)
 * @param action {@code create}, {@code replace} or {@code delete}
 * @param before the spec before the change; null for a creation
 * @param after  the spec after the change; null for a deletion
 */
public record AuditEntry(long seq, Instant at, String who, String kind, String id, String action, JsonObject before,
    JsonObject after) {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(who, "who");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(action, "action");
  }

  /** This entry at position {@code seq}. */
  public AuditEntry withSeq(long seq) {
    return new AuditEntry(seq, at, who, kind, id, action, before, after);
  }

  /** {@code {seq, at, who, kind, id, action, before, after}} with nulls as JSON null. */
  public JsonObject toJson() {
    return new JsonObject().put("seq", seq).put("at", at.toString()).put("who", who).put("kind", kind).put("id", id)
        .put("action", action).put("before", before).put("after", after);
  }
}
