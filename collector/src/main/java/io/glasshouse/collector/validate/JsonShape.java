package io.glasshouse.collector.validate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * Counts the samples and buckets of a JSON body with a streaming parser, before any tree is built: the
 * elements of arrays (and, for buckets, the entries of objects) whose field name is listed as a
 * {@link Kind}; and every value (containers included) against the values limit. Allocates nothing per element.
 * Thread-safe.
 */
public final class JsonShape {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** What the elements of a named container are. */
  public enum Kind {
    /** Each element is one sample. */
    SAMPLES,
    /** The container is one histogram's bucket array (or object). */
    BUCKETS
  }

  private final Map<String, Kind> byField;

  /** @param byField container field names to count, e.g. {@code "samples" -> SAMPLES} */
  public JsonShape(Map<String, Kind> byField) {
    this.byField = Map.copyOf(byField);
  }

  /**
   * Walks {@code body} and charges its samples and buckets to {@code budget}.
   *
   * @throws RequestTooLargeException as soon as a limit is passed
   * @throws UndecodableException when the body is not JSON (the decoder would refuse it too)
   */
  public void check(byte[] body, ShapeLimits.Budget budget) throws RequestTooLargeException, UndecodableException {
    ArrayDeque<long[]> frames = new ArrayDeque<>(); // {kind ordinal or -1, element count}
    try (JsonParser p = FACTORY.createParser(body)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        long[] top = frames.peek();
        if (t == JsonToken.FIELD_NAME) {
          if (top != null && top[0] == Kind.BUCKETS.ordinal()) {
            top[1]++;
          }
          continue;
        }
        if (t == JsonToken.END_ARRAY || t == JsonToken.END_OBJECT) {
          long[] done = frames.pop();
          if (done[0] == Kind.BUCKETS.ordinal()) {
            budget.histogram(done[1]);
          }
          continue;
        }
        boolean container = t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT;
        budget.values(1);
        // A container's own context is the new one; a scalar's is the one it sits in.
        var enclosing = container ? p.getParsingContext().getParent() : p.getParsingContext();
        if (top != null && enclosing.inArray()) {
          if (top[0] == Kind.SAMPLES.ordinal()) {
            budget.samples(1);
          } else if (top[0] == Kind.BUCKETS.ordinal()) {
            top[1]++;
          }
        }
        if (container) {
          Kind kind = enclosing.inObject() && p.currentName() != null ? byField.get(p.currentName()) : null;
          frames.push(new long[] {kind == null ? -1 : kind.ordinal(), 0});
        }
      }
    } catch (JacksonException e) {
      throw new UndecodableException("body is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UndecodableException("body could not be read as JSON: " + UndecodableException.describe(e), e);
    }
  }
}
