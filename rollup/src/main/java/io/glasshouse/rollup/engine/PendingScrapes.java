package io.glasshouse.rollup.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The checkpoint encoding of one instance histogram's pending classic-histogram scrapes ({@link HistogramParts}):
 * a version byte, the newest scrape time, the recently recorded scrape times, then each pending scrape with its
 * part increases by bound and the intervals already recorded. All numbers big-endian.
 */
final class PendingScrapes {
  private static final int VERSION = 1;

  private PendingScrapes() {
  }

  static byte[] encode(HistogramParts.Group g) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(g.newestTs);
      out.writeInt(g.done.size());
      for (long ts : g.done) {
        out.writeLong(ts);
      }
      out.writeInt(g.pending.size());
      for (HistogramParts.Pending p : g.pending.values()) {
        out.writeLong(p.ts);
        out.writeBoolean(p.provisional);
        out.writeInt(p.at.size());
        for (Map.Entry<Double, Double> e : p.at.entrySet()) {
          out.writeDouble(e.getKey());
          out.writeDouble(e.getValue());
        }
        out.writeInt(p.recorded.size());
        for (double d : p.recorded) {
          out.writeDouble(d);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Adds the scrapes encoded in {@code state} to {@code g}. A row this version cannot read is an
   * {@link IllegalArgumentException} naming the cause.
   */
  static void decode(byte[] state, HistogramParts.Group g) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("pending histogram parts of encoding " + version + ", expected " + VERSION);
      }
      g.newestTs = Math.max(g.newestTs, in.readLong());
      for (int n = in.readInt(); n > 0; n--) {
        g.done(in.readLong());
      }
      for (int n = in.readInt(); n > 0; n--) {
        HistogramParts.Pending p = new HistogramParts.Pending(in.readLong(), in.readBoolean());
        for (int k = in.readInt(); k > 0; k--) {
          p.at.put(in.readDouble(), in.readDouble());
        }
        for (int k = in.readInt(); k > 0; k--) {
          p.recorded.add(in.readDouble());
        }
        g.pending.put(p.ts, p);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("pending histogram parts cannot be read (" + e + ")", e);
    }
  }
}
