package io.glasshouse.rollup.store;

import io.glasshouse.rollup.series.InstanceLasts;
import io.glasshouse.rollup.series.MinuteCell;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * The one blob column of a stored cell: a histogram series' HdrHistogram ({@link Codecs#histogramToBytes}), or a
 * gauge series' {@link InstanceLasts}. A series has one kind, so a cell holds one or the other, never both.
 *
 * <p>Per-instance lasts are {@code "GLI" 0x01}, {@code [varint n]}, then per instance {@code [varint length][UTF-8
 * instance][double value][long timestamp ms]}. HdrHistogram's compressed encoding starts with its cookie's byte
 * {@code 0x1c}, so the first byte tells the two apart. Gauge cells written before per-instance lasts were kept
 * have no blob (NULL) and read with {@code lasts == null}: older data folders read unchanged.
 */
public final class CellBlob {
  private static final byte[] LASTS_MAGIC = {'G', 'L', 'I', 1};

  private CellBlob() {
  }

  /** The blob of {@code c}: its histogram, or its per-instance lasts, or null. */
  public static byte[] encode(MinuteCell c) {
    if (c.histogram() != null) {
      return Codecs.histogramToBytes(c.histogram());
    }
    return c.lasts() == null ? null : lastsToBytes(c.lasts());
  }

  /** True when {@code blob} holds per-instance lasts. */
  public static boolean holdsLasts(byte[] blob) {
    return blob != null && blob.length >= LASTS_MAGIC.length
        && Arrays.equals(blob, 0, LASTS_MAGIC.length, LASTS_MAGIC, 0, LASTS_MAGIC.length);
  }

  /** The histogram in {@code blob}; null when there is none. */
  public static Histogram histogram(byte[] blob) {
    return blob == null || holdsLasts(blob) ? null : Codecs.histogramFromBytes(blob);
  }

  /** The per-instance lasts in {@code blob}; null when there are none. */
  public static InstanceLasts lasts(byte[] blob) {
    return holdsLasts(blob) ? lastsFromBytes(blob) : null;
  }

  /** The merge of two stored blobs (either may be null): histograms add, lasts merge (later timestamp wins). */
  public static byte[] merge(byte[] a, byte[] b) {
    if (a == null || a.length == 0) {
      return b;
    }
    if (b == null || b.length == 0) {
      return a;
    }
    boolean la = holdsLasts(a);
    if (la != holdsLasts(b)) {
      throw new IllegalArgumentException("cannot merge a histogram with per-instance gauge readings");
    }
    if (la) {
      return lastsToBytes(InstanceLasts.merge(lastsFromBytes(a), lastsFromBytes(b)));
    }
    Histogram h = Codecs.histogramFromBytes(a);
    h.add(Codecs.histogramFromBytes(b));
    return Codecs.histogramToBytes(h);
  }

  static byte[] lastsToBytes(InstanceLasts l) {
    byte[][] ids = new byte[l.size()][];
    int size = LASTS_MAGIC.length + 5;
    for (int i = 0; i < l.size(); i++) {
      ids[i] = l.instance(i).getBytes(StandardCharsets.UTF_8);
      size += 5 + ids[i].length + 16;
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    buf.put(LASTS_MAGIC);
    putVarInt(buf, l.size());
    for (int i = 0; i < l.size(); i++) {
      putVarInt(buf, ids[i].length);
      buf.put(ids[i]);
      buf.putDouble(l.value(i));
      buf.putLong(l.timestampMs(i));
    }
    return Arrays.copyOf(buf.array(), buf.position());
  }

  static InstanceLasts lastsFromBytes(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      in.position(LASTS_MAGIC.length);
      int n = getVarInt(in);
      if (n > in.remaining()) {
        throw new IllegalStateException("corrupt per-instance gauge readings in store: " + n + " entries declared");
      }
      String[] ids = new String[n];
      double[] values = new double[n];
      long[] ts = new long[n];
      for (int i = 0; i < n; i++) {
        int len = getVarInt(in);
        if (len > in.remaining()) {
          throw new IllegalStateException("corrupt per-instance gauge readings in store: an instance runs past the end");
        }
        ids[i] = new String(bytes, in.position(), len, StandardCharsets.UTF_8);
        in.position(in.position() + len);
        values[i] = in.getDouble();
        ts[i] = in.getLong();
      }
      return InstanceLasts.of(ids, values, ts);
    } catch (BufferUnderflowException e) {
      throw new IllegalStateException("corrupt per-instance gauge readings in store: they end early", e);
    }
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
          break;
        }
        return v;
      }
    }
    throw new IllegalStateException("corrupt per-instance gauge readings in store: bad length");
  }
}
