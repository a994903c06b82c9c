package io.glasshouse.rollup.config;

import java.util.List;

/**
 * A configuration object that does not validate: every {@link FieldError} found, and a one-line summary as the
 * message ({@code "name is required; position must be a whole number ≥ 0"}). Nothing was applied.
 */
public final class InvalidConfigException extends IllegalArgumentException {
  private final List<FieldError> errors;

  public InvalidConfigException(List<FieldError> errors) {
    super(summary(errors));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an invalid object has at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  /** One error. */
  public static InvalidConfigException of(String field, String detail) {
    return new InvalidConfigException(List.of(new FieldError(field, detail)));
  }

  /** The same errors with {@code prefix} in front of each field (e.g. {@code items[2].}). */
  public InvalidConfigException prefixed(String prefix) {
    return new InvalidConfigException(errors.stream().map(e -> new FieldError(e.field().isEmpty()
        ? prefix.replaceAll("\\.$", "") : prefix + e.field(), e.detail())).toList());
  }

  public List<FieldError> errors() {
    return errors;
  }

  private static String summary(List<FieldError> errors) {
    StringBuilder b = new StringBuilder();
    for (FieldError e : errors) {
      if (b.length() > 0) {
        b.append("; ");
      }
      b.append(e.detail().startsWith(e.field()) || e.field().isEmpty() ? e.detail() : e.field() + ": " + e.detail());
    }
    return b.toString();
  }
}
