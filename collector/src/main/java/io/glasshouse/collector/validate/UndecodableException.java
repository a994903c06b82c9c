package io.glasshouse.collector.validate;

/**
 * The body is not a message of the expected format at all (broken protobuf, malformed JSON): the whole
 * request is answered 400 and nothing reaches the engine. The message says what is wrong, for a person.
 */
public final class UndecodableException extends Exception {
  public UndecodableException(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  public UndecodableException(String message) {
    this(message, null);
  }
}
