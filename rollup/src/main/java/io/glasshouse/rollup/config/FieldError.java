package io.glasshouse.rollup.config;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One thing wrong with a configuration object.
 *
 * @param field  the field at fault as a path from the object's root, e.g. {@code name}, {@code capacity.absolute},
 *               {@code services[2]}; empty for the object as a whole
 * @param detail what is wrong and what is allowed, for a person to act on
 */
public record FieldError(String field, String detail) {
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(detail, "detail");
  }

  /** {@code {"field": …, "detail": …}}, as listed in a problem's {@code errors}. */
  public JsonObject toJson() {
    return new JsonObject().put("field", field).put("detail", detail);
  }
}
