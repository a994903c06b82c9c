package io.glasshouse.collector.validate;

/**
 * The body is not a message of the expected format at all (broken protobuf, malformed JSON): the whole
 * request is answered 400 and nothing reaches the engine. The message says what is wrong, for a person.
 */
public final class UndecodableException extends Exception {
  /** A Java class name such as {@code java.io.EOFException:} inside a message, with what follows it. */
  private static final java.util.regex.Pattern CLASS_NAME = java.util.regex.Pattern.compile(
      "\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error|Throwable)\\b:?\\s*");

  public UndecodableException(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  public UndecodableException(String message) {
    this(message, null);
  }

  /**
   * The message of {@code e} for a person reading a problem {@code detail}: Java class names (such as
   * {@code java.io.EOFException}, which parsers put into messages of the exceptions they wrap) removed;
   * "no further detail" when nothing is left.
   */
  public static String describe(Throwable e) {
    String m = e == null || e.getMessage() == null ? "" : CLASS_NAME.matcher(e.getMessage()).replaceAll("").trim();
    return m.isEmpty() ? "no further detail" : m;
  }
}
