package io.glasshouse.bench.loadgen;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An encoded request body whose values and timestamps are patched in place for each round, so that no protobuf
 * object is built while the benchmark runs.
 *
 * <p>An encoder builds the message once with {@link Slots#value}/{@link Slots#time} sentinels in place of the
 * numbers; {@link Slots#locate} finds each sentinel's 8 bytes in the serialized form (all of them are fixed-size
 * fields: {@code double}, {@code fixed64}; the remote-write timestamp, a varint, follows its value at a fixed
 * distance and keeps its 6-byte length for current milliseconds). The value of a slot in round {@code r} is
 * {@code base + rate * r} (cumulative counters, histogram counts and sums) or
 * {@code base + rate * ((7 r) mod 13)} (gauges).
 */
public final class Template {
  static final int CUMULATIVE = 0;
  static final int GAUGE = 1;
  static final int COUNT = 2; // fixed64 integer, cumulative
  static final int TIME_NANOS = 3; // fixed64 nanoseconds
  static final int FOLLOWED_BY_MS_VARINT = 8; // flag: a 0x10 tag and a 6-byte varint timestamp follow

  private static final long SENTINEL_MARK = 0x5EA5C0DEL << 32;

  private final byte[] raw;
  private final int[] offsets;
  private final int[] types;
  private final double[] base;
  private final double[] rate;
  private final int samples;
  private final ByteBuffer le;

  private Template(byte[] raw, int[] offsets, int[] types, double[] base, double[] rate, int samples) {
    this.raw = raw;
    this.offsets = offsets;
    this.types = types;
    this.base = base;
    this.rate = rate;
    this.samples = samples;
    this.le = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The encoded (uncompressed) body as of the last {@link #patch}; patched in place, so copy it to keep it. */
  public byte[] raw() {
    return raw;
  }

  /** Samples (remote write) or points (OTLP) in the body. */
  public int samples() {
    return samples;
  }

  /** Writes round {@code round}'s values and the timestamp {@code nowMs} into {@link #raw}. */
  public void patch(long round, long nowMs) {
    long nanos = nowMs * 1_000_000L;
    int gaugeStep = (int) ((round * 7) % 13);
    for (int i = 0; i < offsets.length; i++) {
      int off = offsets[i];
      int t = types[i];
      switch (t & 7) {
        case CUMULATIVE -> le.putDouble(off, base[i] + rate[i] * round);
        case GAUGE -> le.putDouble(off, base[i] + rate[i] * gaugeStep);
        case COUNT -> le.putLong(off, (long) (base[i] + rate[i] * round));
        case TIME_NANOS -> le.putLong(off, nanos);
        default -> throw new IllegalStateException("slot type " + t);
      }
      if ((t & FOLLOWED_BY_MS_VARINT) != 0) {
        writeVarint6(raw, off + 9, nowMs);
      }
    }
  }

  static void writeVarint6(byte[] b, int off, long v) {
    for (int k = 0; k < 5; k++) {
      b[off + k] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    if (v > 0x7F) {
      throw new IllegalStateException("timestamp does not fit a 6-byte varint");
    }
    b[off + 5] = (byte) v;
  }

  /** Collects slots while an encoder builds a message, then locates them in its bytes. */
  static final class Slots {
    private int n;
    private int[] types = new int[256];
    private double[] base = new double[256];
    private double[] rate = new double[256];

    private int add(int type, double b, double r) {
      if (n == types.length) {
        types = Arrays.copyOf(types, n * 2);
        base = Arrays.copyOf(base, n * 2);
        rate = Arrays.copyOf(rate, n * 2);
      }
      types[n] = type;
      base[n] = b;
      rate[n] = r;
      return n++;
    }

    /** A double slot; returns the sentinel to put in the message. */
    double value(int type, double b, double r) {
      return Double.longBitsToDouble(SENTINEL_MARK | add(type, b, r));
    }

    /** A fixed64 slot ({@link #COUNT} or {@link #TIME_NANOS}); returns the sentinel to put in the message. */
    long fixed(int type, double b, double r) {
      return SENTINEL_MARK | add(type, b, r);
    }

    /** Finds every slot in {@code raw}; a slot found twice or not at all is a bug. */
    Template locate(byte[] raw, int samples) {
      int[] offsets = new int[n];
      Arrays.fill(offsets, -1);
      ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
      for (int p = 0; p + 8 <= raw.length; p++) {
        long v = bb.getLong(p);
        if ((v & 0xFFFFFFFF00000000L) == SENTINEL_MARK) {
          int idx = (int) (v & 0xFFFFFFFFL);
          if (idx >= n || offsets[idx] != -1) {
            throw new IllegalStateException("sentinel " + idx + " found twice or unknown");
          }
          offsets[idx] = p;
          p += 7;
        }
      }
      for (int i = 0; i < n; i++) {
        if (offsets[i] < 0) {
          throw new IllegalStateException("slot " + i + " not found in the encoded body");
        }
        if ((types[i] & FOLLOWED_BY_MS_VARINT) != 0 && raw[offsets[i] + 8] != 0x10) {
          throw new IllegalStateException("slot " + i + " is not followed by a timestamp field");
        }
      }
      Template t = new Template(raw, offsets, Arrays.copyOf(types, n), Arrays.copyOf(base, n),
          Arrays.copyOf(rate, n), samples);
      return t;
    }
  }
}
