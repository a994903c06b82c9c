package io.glasshouse.rollup.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable byte array writer with varints, little overhead, no allocation once grown. It grows by doubling up
 * to {@code maxBytes} and refuses to grow past it with an {@link IllegalStateException}; after a
 * {@link #clear} it gives back memory grown far beyond its initial size.
 */
final class GrowableBuffer {
  /** The largest array the JVM reliably allocates. */
  static final int MAX_BYTES = Integer.MAX_VALUE - 8;

  private final int initial;
  private final int maxBytes;
  private byte[] buf;
  private int pos;

  GrowableBuffer(int initial) {
    this(initial, MAX_BYTES);
  }

  GrowableBuffer(int initial, int maxBytes) {
    this.initial = initial;
    this.maxBytes = maxBytes;
    buf = new byte[initial];
  }

  void clear() {
    pos = 0;
    if (buf.length > 16 * initial) {
      buf = new byte[initial];
    }
  }

  /** Drops everything written after {@code size} bytes. */
  void truncate(int size) {
    pos = size;
  }

  /** The capacity to grow to for {@code needed} bytes, doubling; throws past {@code max}. */
  static int grownCapacity(int current, long needed, int max) {
    if (needed > max) {
      throw new IllegalStateException("a journal record cannot exceed " + max + " bytes (this one needs at least "
          + needed + "); send smaller batches");
    }
    return (int) Math.min(max, Math.max(2L * current, needed));
  }

  int size() {
    return pos;
  }

  byte[] array() {
    return buf;
  }

  ByteBuffer asByteBuffer() {
    return ByteBuffer.wrap(buf, 0, pos);
  }

  private void ensure(int more) {
    if ((long) pos + more > buf.length) {
      buf = Arrays.copyOf(buf, grownCapacity(buf.length, (long) pos + more, maxBytes));
    }
  }

  void putByte(byte b) {
    ensure(1);
    buf[pos++] = b;
  }

  void putInt(int v) {
    ensure(4);
    buf[pos++] = (byte) (v >>> 24);
    buf[pos++] = (byte) (v >>> 16);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
  }

  void putIntAt(int at, int v) {
    buf[at] = (byte) (v >>> 24);
    buf[at + 1] = (byte) (v >>> 16);
    buf[at + 2] = (byte) (v >>> 8);
    buf[at + 3] = (byte) v;
  }

  void putLong(long v) {
    ensure(8);
    for (int s = 56; s >= 0; s -= 8) {
      buf[pos++] = (byte) (v >>> s);
    }
  }

  void putDouble(double d) {
    putLong(Double.doubleToRawLongBits(d));
  }

  void putVarInt(int v) {
    putVarLong(v & 0xffffffffL);
  }

  void putVarLong(long v) {
    ensure(10);
    while ((v & ~0x7fL) != 0) {
      buf[pos++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
  }

  void putString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    putVarInt(b.length);
    ensure(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
  }
}
