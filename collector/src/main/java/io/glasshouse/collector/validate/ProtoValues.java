package io.glasshouse.collector.validate;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * Counts every value a protobuf parse of a body would build, guided by the message's descriptor and without
 * building any: each submessage, each scalar, string or bytes field, each element of a packed repeated field,
 * and each unknown field (kept by the parser). Nesting deeper than {@link #MAX_DEPTH} is refused as the parser
 * would refuse it. Thread-safe (stateless).
 */
public final class ProtoValues {
  /** Deepest nesting walked, as protobuf-java's default recursion limit. */
  public static final int MAX_DEPTH = 100;

  private ProtoValues() {
  }

  /**
   * Charges the values of {@code body}, a {@code type} message, to {@code budget}.
   *
   * @throws RequestTooLargeException as soon as {@link ShapeLimits#maxValuesPerRequest()} is passed
   * @throws UndecodableException when the body is not a well-formed message (what to say is in {@code what})
   */
  public static void check(byte[] body, Descriptor type, ShapeLimits.Budget budget, String what)
      throws RequestTooLargeException, UndecodableException {
    try {
      walk(CodedInputStream.newInstance(body), type, budget, 0);
    } catch (IOException e) {
      throw new UndecodableException("body is not " + what + ": " + UndecodableException.describe(e), e);
    }
  }

  private static void walk(CodedInputStream in, Descriptor type, ShapeLimits.Budget budget, int depth)
      throws IOException, RequestTooLargeException {
    if (depth > MAX_DEPTH) {
      throw new IOException("messages are nested more than " + MAX_DEPTH + " deep");
    }
    int tag;
    while ((tag = in.readTag()) != 0) {
      FieldDescriptor field = type.findFieldByNumber(WireFormat.getTagFieldNumber(tag));
      int wire = WireFormat.getTagWireType(tag);
      if (field != null && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
          && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        budget.values(1);
        int limit = in.pushLimit(in.readRawVarint32());
        walk(in, field.getMessageType(), budget, depth + 1);
        in.popLimit(limit);
      } else if (field != null && field.isRepeated() && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED
          && field.getJavaType() != FieldDescriptor.JavaType.STRING
          && field.getJavaType() != FieldDescriptor.JavaType.BYTE_STRING) {
        budget.values(packedElements(in, field));
      } else {
        budget.values(1);
        in.skipField(tag);
      }
    }
  }

  /** Elements of a packed repeated scalar field; consumes it. */
  private static long packedElements(CodedInputStream in, FieldDescriptor field) throws IOException {
    int length = in.readRawVarint32();
    switch (field.getType()) {
      case DOUBLE, FIXED64, SFIXED64 -> {
        in.skipRawBytes(length);
        return length / 8;
      }
      case FLOAT, FIXED32, SFIXED32 -> {
        in.skipRawBytes(length);
        return length / 4;
      }
      default -> {
        int limit = in.pushLimit(length);
        long n = 0;
        while (!in.isAtEnd()) {
          in.readRawVarint64();
          n++;
        }
        in.popLimit(limit);
        return n;
      }
    }
  }
}
