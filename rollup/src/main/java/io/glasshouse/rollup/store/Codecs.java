package io.glasshouse.rollup.store;

import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.series.LatencyHistograms;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/** Column encodings shared by store implementations: labels as text, buckets and histograms as bytes. */
public final class Codecs {
  private static final char PAIR = '\u001e';
  private static final char KV = '\u001f';

  private Codecs() {
  }

  public static String labelsToText(Labels l) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < l.size(); i++) {
      sb.append(l.name(i)).append(KV).append(l.value(i)).append(PAIR);
    }
    return sb.toString();
  }

  public static Labels labelsFromText(String s) {
    Labels.Builder b = Labels.builder();
    int i = 0;
    while (i < s.length()) {
      int kv = s.indexOf(KV, i);
      int end = s.indexOf(PAIR, kv);
      b.put(s.substring(i, kv), s.substring(kv + 1, end));
      i = end + 1;
    }
    return b.build();
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
