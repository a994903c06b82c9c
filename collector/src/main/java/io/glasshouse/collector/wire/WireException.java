package io.glasshouse.collector.wire;

/**
 * The bytes are not well-formed protobuf wire format (a length past the end, a varint longer than ten bytes, an
 * invalid wire type or tag, invalid UTF-8 in a string field). The message says what, for a person; decoders
 * wrap it into their protocol's refusal. Carries no stack trace: malformed input is an expected outcome.
 */
public final class WireException extends Exception {
  public WireException(String message) {
    super(message, null, false, false);
  }
}
