package io.glasshouse.rollup.query;

/**
 * A textual input (selector, instant, duration) that does not parse. {@link #getMessage()} says what was
 * expected and, when it applies, at which character (1-based) of the input.
 */
public final class SyntaxException extends IllegalArgumentException {
  private final int position;

  public SyntaxException(String message, int position) {
    super(message);
    this.position = position;
  }

  /** The 1-based character position of the problem, or 0 when the input as a whole is wrong. */
  public int position() {
    return position;
  }
}
