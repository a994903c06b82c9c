package io.glasshouse.rollup.config;

import io.vertx.core.json.JsonObject;

/**
 * One kind of configuration object (component, SLO, capacity indicator, …): its name in the config API, its
 * JSON codec with validation, and how an object is identified. Implementations are stateless and thread-safe.
 *
 * <p>Contract: {@code fromJson(toJson(v))} equals {@code v}; {@link #fromJson} refuses unknown fields and
 * reports every error it finds, each naming its field; {@link #id} is stable for the object's lifetime (a
 * replacement keeps the id).
 *
 * @param <T> the immutable value type
 */
public interface ConfigKind<T> {
  /** The name in URLs: lower-case letters, digits and dashes, e.g. {@code capacity-indicator}. */
  String name();

  /** The JSON field holding the id ({@code id}, {@code name}, …). */
  String idField();

  /**
   * Reads and validates one object.
   *
   * @throws InvalidConfigException listing every field at fault
   */
  T fromJson(JsonObject json);

  /** The canonical JSON of {@code value}, as stored, listed and audited. */
  JsonObject toJson(T value);

  /** The object's id. */
  String id(T value);
}
