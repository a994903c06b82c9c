package io.glasshouse.rollup.store;

import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.series.LatencyHistograms;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/**
 * Column encodings shared by store implementations: labels, buckets and histograms as bytes.
 *
 * <p>Labels are stored as {@code [varint count]} then per label {@code [varint length][UTF-8 name][varint
 * length][UTF-8 value]}: every string carries its own length, so no value (control characters, separators,
 * the empty string, non-BMP characters) can be mistaken for structure. Data folders written before this
 * encoding hold labels as text with U+001F between name and value and U+001E after each pair;
 * {@link #labelsFromColumn} still reads those rows (a text column value is the old form, a blob the new one).
 */
public final class Codecs {
  private static final char LEGACY_PAIR = '\u001e';
  private static final char LEGACY_KV = '\u001f';

  private Codecs() {
  }

  /** The length-prefixed binary form of {@code l}. */
  public static byte[] labelsToBytes(Labels l) {
    byte[][] parts = new byte[l.size() * 2][];
    int size = 5;
    for (int i = 0; i < l.size(); i++) {
      parts[2 * i] = l.name(i).getBytes(StandardCharsets.UTF_8);
      parts[2 * i + 1] = l.value(i).getBytes(StandardCharsets.UTF_8);
      size += parts[2 * i].length + parts[2 * i + 1].length + 10;
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    putVarInt(buf, l.size());
    for (byte[] p : parts) {
      putVarInt(buf, p.length);
      buf.put(p);
    }
    return Arrays.copyOf(buf.array(), buf.position());
  }

  /** Reads what {@link #labelsToBytes} wrote; throws {@link IllegalArgumentException} naming the defect. */
  public static Labels labelsFromBytes(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      int n = getVarInt(in);
      Labels.Builder b = Labels.builder();
      for (int i = 0; i < n; i++) {
        b.put(getString(in), getString(in));
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(in.remaining() + " bytes after the last label");
      }
      return b.build();
    } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("labels end before their declared length");
    }
  }

  /**
   * Labels from a stored column value: a blob in the current encoding, or text in the legacy separator form of
   * older data folders.
   */
  public static Labels labelsFromColumn(Object column) {
    if (column instanceof byte[] b) {
      return labelsFromBytes(b);
    }
    if (column instanceof String s) {
      return labelsFromLegacyText(s);
    }
    throw new IllegalArgumentException("labels column holds " + (column == null ? "NULL" : column.getClass()));
  }

  /** The legacy text form, {@code name U+001F value U+001E} per label; unambiguous only without those characters. */
  static Labels labelsFromLegacyText(String s) {
    Labels.Builder b = Labels.builder();
    int i = 0;
    while (i < s.length()) {
      int kv = s.indexOf(LEGACY_KV, i);
      int end = kv < 0 ? -1 : s.indexOf(LEGACY_PAIR, kv);
      if (end < 0) {
        throw new IllegalArgumentException("legacy label text is not name U+001F value U+001E pairs at char " + i);
      }
      b.put(s.substring(i, kv), s.substring(kv + 1, end));
      i = end + 1;
    }
    return b.build();
  }

  private static void putVarInt(ByteBuffer buf, int v) {
    while ((v & ~0x7f) != 0) {
      buf.put((byte) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    buf.put((byte) v);
  }

  private static int getVarInt(ByteBuffer in) {
    int v = 0;
    for (int shift = 0; shift < 32; shift += 7) {
      byte b = in.get();
      v |= (b & 0x7f) << shift;
      if (b >= 0) {
        if (v < 0) {
          throw new IllegalArgumentException("negative length in labels");
        }
        return v;
      }
    }
    throw new IllegalArgumentException("malformed length in labels");
  }

  private static String getString(ByteBuffer in) {
    int len = getVarInt(in);
    if (len > in.remaining()) {
      throw new IllegalArgumentException("a label of " + len + " bytes runs past the end of its row");
    }
    String s = new String(in.array(), in.position(), len, StandardCharsets.UTF_8);
    in.position(in.position() + len);
    return s;
  }

  public static byte[] bucketsToBytes(Buckets b) {
    if (b == null) {
      return null;
    }
    int n = b.upperBounds().length;
    ByteBuffer buf = ByteBuffer.allocate(4 + 8 * n + 8 * (n + 1) + 16);
    buf.putInt(n);
    for (double d : b.upperBounds()) {
      buf.putDouble(d);
    }
    for (long c : b.counts()) {
      buf.putLong(c);
    }
    buf.putLong(b.count());
    buf.putDouble(b.sum());
    return buf.array();
  }

  public static Buckets bucketsFromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    int n = buf.getInt();
    double[] ub = new double[n];
    for (int i = 0; i < n; i++) {
      ub[i] = buf.getDouble();
    }
    long[] counts = new long[n + 1];
    for (int i = 0; i <= n; i++) {
      counts[i] = buf.getLong();
    }
    return new Buckets(ub, counts, buf.getLong(), buf.getDouble());
  }

  public static byte[] histogramToBytes(Histogram h) {
    if (h == null) {
      return null;
    }
    ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int len = h.encodeIntoCompressedByteBuffer(buf);
    byte[] out = new byte[len];
    buf.flip();
    buf.get(out);
    return out;
  }

  public static Histogram histogramFromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return PackedHistogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), LatencyHistograms.HIGHEST_US);
    } catch (DataFormatException e) {
      throw new IllegalStateException("corrupt histogram in store", e);
    }
  }
}
