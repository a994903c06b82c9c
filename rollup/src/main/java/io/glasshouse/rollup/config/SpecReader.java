package io.glasshouse.rollup.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the fields of one configuration object, collecting a {@link FieldError} for every bad field instead of
 * stopping at the first, for {@link ConfigKind#fromJson} implementations. Call {@link #done()} at the end: it
 * throws {@link InvalidConfigException} when anything was wrong. Not thread-safe; one per read.
 */
public final class SpecReader {
  private final JsonObject json;
  private final List<FieldError> errors = new ArrayList<>();

  /** Reads {@code json}, refusing fields outside {@code known}. */
  public SpecReader(JsonObject json, Set<String> known) {
    this.json = json == null ? new JsonObject() : json;
    for (String k : this.json.fieldNames()) {
      if (!known.contains(k)) {
        error(k, k + " is not a known field; known fields: " + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  /** Records an error. */
  public void error(String field, String detail) {
    errors.add(new FieldError(field, detail));
  }

  /** A required non-blank string, trimmed; null (with an error) when absent or not a string. */
  public String requiredString(String field) {
    Object v = json.getValue(field);
    if (v == null || v instanceof String s && s.isBlank()) {
      error(field, field + " is required");
      return null;
    }
    return string(field, null);
  }

  /** A required string matching {@code pattern}, described by {@code rule} in the error. */
  public String id(String field, Pattern pattern, String rule) {
    String s = requiredString(field);
    if (s != null && !pattern.matcher(s).matches()) {
      error(field, field + " must be " + rule + ", got '" + s + "'");
    }
    return s;
  }

  /** An optional string, trimmed; {@code dflt} when absent. */
  public String string(String field, String dflt) {
    Object v = json.getValue(field);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof String s)) {
      error(field, field + " must be a string, got " + v);
      return dflt;
    }
    return s.trim();
  }

  /** An optional whole number in [{@code min}, {@code max}]. */
  public int integer(String field, int dflt, int min, int max) {
    Object v = json.getValue(field);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < min
        || n.doubleValue() > max) {
      error(field, field + " must be a whole number from " + min + " to " + max + ", got " + v);
      return dflt;
    }
    return n.intValue();
  }

  /** An optional boolean. */
  public boolean bool(String field, boolean dflt) {
    Object v = json.getValue(field);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Boolean b)) {
      error(field, field + " must be true or false, got " + v);
      return dflt;
    }
    return b;
  }

  /** An optional list of non-blank strings, each matching {@code pattern} when given; empty when absent. */
  public List<String> strings(String field, Pattern pattern, String rule) {
    Object v = json.getValue(field);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray a)) {
      error(field, field + " must be a list of strings, got " + v);
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      Object x = a.getValue(i);
      String f = field + "[" + i + "]";
      if (!(x instanceof String s) || s.isBlank()) {
        error(f, f + " must be a non-blank string, got " + x);
      } else if (pattern != null && !pattern.matcher(s.trim()).matches()) {
        error(f, f + " must be " + rule + ", got '" + s + "'");
      } else if (out.contains(s.trim())) {
        error(f, f + " repeats '" + s.trim() + "'");
      } else {
        out.add(s.trim());
      }
    }
    return out;
  }

  /** Throws {@link InvalidConfigException} listing every error recorded. */
  public void done() {
    if (!errors.isEmpty()) {
      throw new InvalidConfigException(errors);
    }
  }
}
