package io.glasshouse.rollup.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A reusable byte array writer with varints, little overhead, no allocation once grown. */
final class GrowableBuffer {
  private byte[] buf;
  private int pos;

  GrowableBuffer(int initial) {
    buf = new byte[initial];
  }

  void clear() {
    pos = 0;
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
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
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
