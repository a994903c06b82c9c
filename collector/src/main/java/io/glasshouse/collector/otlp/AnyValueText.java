package io.glasshouse.collector.otlp;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One OTLP {@code AnyValue} being read, possibly from several occurrences of its field (protobuf merges them):
 * the last oneof case read wins; array and key-value-list elements pile up over every occurrence of their case,
 * as protobuf-java's builders keep them. {@link #text()} is then {@link OtlpLabels#text}'s label text. Reused
 * per nesting depth by {@link FastOtlpDecoder}.
 */
final class AnyValueText {
  static final int NONE = 0;
  static final int STRING = 1;
  static final int BOOL = 2;
  static final int INT = 3;
  static final int DOUBLE = 4;
  static final int ARRAY = 5;
  static final int KVLIST = 6;
  static final int BYTES = 7;

  int kind;
  String string;
  long bits;
  byte[] buffer;
  int bytesOff;
  int bytesLen;
  final List<String> elements = new ArrayList<>();
  final List<String> entries = new ArrayList<>();

  AnyValueText reset() {
    kind = NONE;
    string = null;
    buffer = null;
    elements.clear();
    entries.clear();
    return this;
  }

  /** The value as label text, as {@link OtlpLabels#text} makes it from the parsed value. */
  String text() {
    return switch (kind) {
      case STRING -> string;
      case BOOL -> Boolean.toString(bits != 0);
      case INT -> Long.toString(bits);
      case DOUBLE -> Double.toString(Double.longBitsToDouble(bits));
      case BYTES -> Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(buffer, bytesOff,
          bytesOff + bytesLen));
      case ARRAY -> {
        StringBuilder sb = new StringBuilder("[");
        for (String e : elements) {
          sb.append(sb.length() > 1 ? "," : "").append(e);
        }
        yield sb.append(']').toString();
      }
      case KVLIST -> {
        StringBuilder sb = new StringBuilder("{");
        for (String e : entries) {
          sb.append(sb.length() > 1 ? "," : "").append(e);
        }
        yield sb.append('}').toString();
      }
      default -> "";
    };
  }
}
