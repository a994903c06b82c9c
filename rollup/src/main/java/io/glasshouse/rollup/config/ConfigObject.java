package io.glasshouse.rollup.config;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * One configuration object as the registry holds it. Immutable.
 *
 * @param kind      its {@link ConfigKind#name()}
 * @param id        its id within the kind
 * @param source    where it comes from; {@link Source#FILE} objects are read-only through the API
 * @param spec      its canonical JSON ({@link ConfigKind#toJson})
 * @param value     the decoded value, of the kind's type
 * @param version   1 on creation, +1 on each replacement (the config API's ETag); 0 for file objects
 * @param updatedAt when it was last created or replaced through the API; null for file objects
 * @param updatedBy the token name that did it; null for file objects
 */
public record ConfigObject(String kind, String id, Source source, JsonObject spec, Object value, long version,
    Instant updatedAt, String updatedBy) {
  /** Where an object comes from. */
  public enum Source {
    /** The configuration file: it stays the source; the API lists it but refuses to change it. */
    FILE,
    /** Created through the config API and persisted in the store. */
    API;

    /** {@code file} or {@code api}. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public ConfigObject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(value, "value");
    spec = spec.copy();
  }

  /** The spec (a copy: callers may change it). */
  @Override
  public JsonObject spec() {
    return spec.copy();
  }

  /** {@code {id, source, version, updatedAt, updatedBy, spec}}: how the config API shows it. */
  public JsonObject toJson() {
    JsonObject o = new JsonObject().put("kind", kind).put("id", id).put("source", source.key())
        .put("readOnly", source == Source.FILE).put("version", version);
    if (updatedAt != null) {
      o.put("updatedAt", updatedAt.toString());
    }
    if (updatedBy != null) {
      o.put("updatedBy", updatedBy);
    }
    return o.put("spec", spec.copy());
  }
}
