package io.glasshouse.collector.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A cursor over protobuf wire format in a byte array, in the manner of VictoriaMetrics's easyproto: fields are
 * read where they lie, nothing is parsed into objects, and strings are only made (through a
 * {@link StringInterner}) when the caller asks for one.
 *
 * <p>Bounds: every read is checked against the current {@link #limit()}; a length prefix is checked against the
 * bytes that remain before anything is read or allocated, so a claimed 2 GiB field in a 100-byte body is
 * refused at once. Varints longer than ten bytes, field number 0, wire types 6 and 7, an end-group tag outside a
 * group and groups nested deeper than {@link #MAX_DEPTH} are refused, as protobuf-java refuses them. Lengths and
 * tags are read as protobuf-java reads them (the low 32 bits of the varint), so both agree on what is malformed.
 *
 * <p>Use: {@link #reset} onto a buffer, then {@code while (r.more()) { int tag = r.readTag(); ... }}; to enter a
 * length-delimited submessage, {@code int end = r.enter(); ...; r.leave(end);}. Not thread-safe; reusable.
 */
public final class WireReader {
  /** Wire types. */
  public static final int VARINT = 0;
  public static final int FIXED64 = 1;
  public static final int LEN = 2;
  public static final int START_GROUP = 3;
  public static final int END_GROUP = 4;
  public static final int FIXED32 = 5;
  /** Deepest nesting of groups skipped (protobuf-java's default recursion limit). */
  public static final int MAX_DEPTH = 100;

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] buf = new byte[0];
  private int pos;
  private int limit;

  /** Positions this reader at {@code len} bytes of {@code buf} from {@code off}. */
  public WireReader reset(byte[] buf, int off, int len) {
    if (off < 0 || len < 0 || off > buf.length - len) {
      throw new IndexOutOfBoundsException("off " + off + " len " + len + " outside " + buf.length);
    }
    this.buf = buf;
    this.pos = off;
    this.limit = off + len;
    return this;
  }

  /** Drops the reference to the buffer. */
  public void release() {
    buf = new byte[0];
    pos = 0;
    limit = 0;
  }

  public byte[] buffer() {
    return buf;
  }

  public int pos() {
    return pos;
  }

  public int limit() {
    return limit;
  }

  /** Whether fields remain before the current limit. */
  public boolean more() {
    return pos < limit;
  }

  /** Reads a field's tag (field number and wire type); refuses field number 0. */
  public int readTag() throws WireException {
    int tag = (int) readVarint();
    if ((tag >>> 3) == 0) {
      throw new WireException("a field has the invalid tag " + tag + " (field number 0)");
    }
    return tag;
  }

  public static int fieldNumber(int tag) {
    return tag >>> 3;
  }

  public static int wireType(int tag) {
    return tag & 7;
  }

  /** Reads a varint of at most ten bytes. */
  public long readVarint() throws WireException {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= limit) {
        throw truncated();
      }
      byte b = buf[pos++];
      result |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw new WireException("a varint is longer than ten bytes");
  }

  /** Reads eight little-endian bytes. */
  public long readFixed64() throws WireException {
    if (limit - pos < 8) {
      throw truncated();
    }
    long v = long64(buf, pos);
    pos += 8;
    return v;
  }

  /** Reads a double (wire type 1). */
  public double readDouble() throws WireException {
    return Double.longBitsToDouble(readFixed64());
  }

  /** Reads a length prefix and checks that many bytes remain; returns the length. */
  public int readLength() throws WireException {
    int n = (int) readVarint();
    if (n < 0) {
      throw new WireException("a length-delimited field claims a negative length");
    }
    if (n > limit - pos) {
      throw new WireException("a length-delimited field claims " + n + " bytes but only " + (limit - pos)
          + " remain");
    }
    return n;
  }

  /** Enters a length-delimited field: the limit becomes its end; returns the outer limit for {@link #leave}. */
  public int enter() throws WireException {
    int n = readLength();
    int outer = limit;
    limit = pos + n;
    return outer;
  }

  /** Leaves a field entered with {@link #enter}: skips what is left of it and restores the outer limit. */
  public void leave(int outer) {
    pos = limit;
    limit = outer;
  }

  /** Reads a length-delimited string through {@code strings} (made once per distinct value). */
  public String readString(StringInterner strings) throws WireException {
    int n = readLength();
    String s = strings.intern(buf, pos, n);
    pos += n;
    return s;
  }

  /** Reads a length-delimited string, decoding it afresh (for rare paths, such as the detail of a refusal). */
  public String readUtf8() throws WireException {
    int n = readLength();
    String s = Utf8.decode(buf, pos, n);
    pos += n;
    return s;
  }

  /** Skips a length-delimited string after checking that it is valid UTF-8. */
  public void skipString() throws WireException {
    int n = readLength();
    Utf8.check(buf, pos, n);
    pos += n;
  }

  /** Skips the value of a field whose tag was just read (unknown fields, fields with an unexpected wire type). */
  public void skipField(int tag) throws WireException {
    skipField(tag, 0);
  }

  /**
   * Skips a field of a message nested {@code depth} deep (the request is depth 0, its submessages 1, ...):
   * protobuf-java counts groups and messages in one recursion depth, so a group opened at depth
   * {@code depth + 1} or deeper beyond {@link #MAX_DEPTH} is refused as it refuses it.
   */
  public void skipField(int tag, int depth) throws WireException {
    switch (wireType(tag)) {
      case VARINT -> readVarint();
      case FIXED64 -> skip(8);
      case LEN -> {
        int n = readLength(); // not "pos += readLength()": that would add to pos as it was before the prefix
        pos += n;
      }
      case FIXED32 -> skip(4);
      case START_GROUP -> skipGroup(tag, depth + 1);
      case END_GROUP -> throw new WireException("an end-group tag of field " + fieldNumber(tag)
          + " appears outside its group");
      default -> throw new WireException("field " + fieldNumber(tag) + " has the invalid wire type "
          + wireType(tag));
    }
  }

  private void skipGroup(int startTag, int depth) throws WireException {
    if (depth > MAX_DEPTH) {
      throw new WireException("groups are nested more than " + MAX_DEPTH + " deep");
    }
    while (true) {
      if (pos >= limit) {
        throw new WireException("a group of field " + fieldNumber(startTag) + " is not closed");
      }
      int tag = readTag();
      if (wireType(tag) == END_GROUP) {
        if (fieldNumber(tag) != fieldNumber(startTag)) {
          throw new WireException("a group of field " + fieldNumber(startTag) + " is closed by field "
              + fieldNumber(tag));
        }
        return;
      }
      skipField(tag, depth);
    }
  }

  private void skip(int n) throws WireException {
    if (limit - pos < n) {
      throw truncated();
    }
    pos += n;
  }

  private static WireException truncated() {
    return new WireException("the message ends in the middle of a field (truncated, or a wrong length prefix)");
  }

  static long long64(byte[] b, int i) {
    return (long) LONGS.get(b, i);
  }
}
