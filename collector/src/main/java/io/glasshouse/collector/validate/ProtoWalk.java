package io.glasshouse.collector.validate;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * Walking protobuf wire format without building messages, to count elements before a parse allocates them.
 * Malformed input ends the walk with an {@link IOException}; the caller refuses the body as undecodable.
 */
public final class ProtoWalk {
  private ProtoWalk() {
  }

  /** Visits the fields of one (sub)message: {@code tag} was just read; consume the field or skip it. */
  @FunctionalInterface
  public interface FieldVisitor {
    void field(CodedInputStream in, int tag) throws IOException, RequestTooLargeException;
  }

  /** Reads fields until the end of the current limit, handing each to {@code visitor}. */
  public static void fields(CodedInputStream in, FieldVisitor visitor) throws IOException, RequestTooLargeException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      visitor.field(in, tag);
    }
  }

  /** Enters a length-delimited field (a submessage) and walks its fields. */
  public static void message(CodedInputStream in, int tag, FieldVisitor visitor)
      throws IOException, RequestTooLargeException {
    if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
      in.skipField(tag);
      return;
    }
    int limit = in.pushLimit(in.readRawVarint32());
    fields(in, visitor);
    in.popLimit(limit);
  }

  /**
   * The number of elements of a repeated varint field ({@code uint64}, {@code sint32}), packed or not,
   * consuming them; counting stops past {@code cap} (the rest of the field is skipped unread).
   */
  public static long elements(CodedInputStream in, int tag, long cap) throws IOException {
    if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
      in.skipField(tag);
      return 1;
    }
    int limit = in.pushLimit(in.readRawVarint32());
    long n = 0;
    while (!in.isAtEnd()) {
      in.readRawVarint64();
      if (++n > cap) {
        in.skipRawBytes(in.getBytesUntilLimit());
        break;
      }
    }
    in.popLimit(limit);
    return n;
  }

  /** The number of elements of a packed fixed 64-bit field ({@code fixed64}, {@code double}), consuming them. */
  public static long fixed64Elements(CodedInputStream in, int tag) throws IOException {
    if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
      in.skipField(tag);
      return 1;
    }
    int length = in.readRawVarint32();
    in.skipRawBytes(length);
    return length / 8;
  }
}
