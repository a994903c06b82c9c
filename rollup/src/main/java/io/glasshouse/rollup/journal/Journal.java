package io.glasshouse.rollup.journal;

import io.glasshouse.rollup.sample.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead journal: every admitted batch is appended here and forced to disk before the ingest
 * request is answered, so a 2xx survives {@code kill -9}.
 *
 * <p>Layout: a folder of segment files named after the sequence number of their first record
 * ({@code 00000000000000000042.wal}). A record is {@code [int length][int crc32c][long seq][samples]}; a torn
 * tail (crash mid-write) fails its length or checksum and is cut off at {@link #open}. Checkpoints in the store
 * name the last sequence they contain; {@link #replay} returns the records after it, and
 * {@link #deleteSegmentsBefore} drops segments a committed checkpoint made unnecessary.
 *
 * <p>Not thread-safe: owned by the engine's writer thread.
 */
public final class Journal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
  private static final int HEADER = 16;

  private final Path dir;
  private final GrowableBuffer pending = new GrowableBuffer(1 << 20);
  private FileChannel segment;
  private long segmentFirstSeq;
  private long nextSeq;

  private Journal(Path dir) {
    this.dir = dir;
  }

  /** Opens (creating) the journal folder; call {@link #replay} next, then append. */
  public static Journal open(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create journal folder " + dir, e);
    }
    return new Journal(dir);
  }

  /**
   * Reads every intact record with a sequence number above {@code afterSeq} in order, cutting off a torn tail,
   * then positions the journal to append after the last intact record in a fresh segment.
   */
  public void replay(long afterSeq, BiConsumer<Long, List<Sample>> consumer) {
    long last = afterSeq;
    for (Path p : segments()) {
      last = Math.max(last, replaySegment(p, afterSeq, consumer));
    }
    nextSeq = last + 1;
    roll();
  }

  private long replaySegment(Path p, long afterSeq, BiConsumer<Long, List<Sample>> consumer) {
    long last = -1;
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      ByteBuffer all = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE - 8));
      while (all.hasRemaining() && ch.read(all) > 0) {
        // read fully
      }
      all.flip();
      int good = 0;
      while (all.remaining() >= HEADER) {
        int start = all.position();
        int len = all.getInt();
        int crc = all.getInt();
        if (len < 8 || len > all.remaining()) {
          break;
        }
        CRC32C c = new CRC32C();
        c.update(all.array(), all.position(), len);
        if ((int) c.getValue() != crc) {
          break;
        }
        long seq = all.getLong();
        ByteBuffer payload = ByteBuffer.wrap(all.array(), all.position(), len - 8).slice();
        all.position(start + 8 + len);
        good = all.position();
        last = seq;
        if (seq > afterSeq) {
          consumer.accept(seq, SampleCodec.decode(payload));
        }
      }
      if (good < size) {
        LOG.warn("journal segment {}: cutting a torn tail of {} bytes at offset {}", p.getFileName(), size - good, good);
        ch.truncate(good);
        ch.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read journal segment " + p, e);
    }
    return last;
  }

  /** Buffers one batch as a record; returns its sequence number. Nothing is on disk until {@link #force}. */
  public long append(List<Sample> samples) {
    long seq = nextSeq++;
    int at = pending.size();
    pending.putInt(0);
    pending.putInt(0);
    pending.putLong(seq);
    SampleCodec.encode(samples, pending);
    int len = pending.size() - at - 8;
    CRC32C c = new CRC32C();
    c.update(pending.array(), at + 8, len);
    pending.putIntAt(at, len);
    pending.putIntAt(at + 4, (int) c.getValue());
    return seq;
  }

  /** Writes the buffered records and forces them to the device. */
  public void force() {
    if (pending.size() == 0) {
      return;
    }
    try {
      ByteBuffer b = pending.asByteBuffer();
      while (b.hasRemaining()) {
        segment.write(b);
      }
      segment.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("journal write failed in " + dir, e);
    } finally {
      pending.clear();
    }
  }

  /** Bytes buffered but not yet forced. */
  public int pendingBytes() {
    return pending.size();
  }

  /** The sequence number of the last record appended, or of the checkpoint replayed from. */
  public long lastSeq() {
    return nextSeq - 1;
  }

  /** Starts a new segment; records appended from now on go there. Forces first. */
  public void roll() {
    force();
    try {
      if (segment != null) {
        segment.close();
      }
      segmentFirstSeq = nextSeq;
      segment = FileChannel.open(dir.resolve(String.format("%020d.wal", segmentFirstSeq)), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a journal segment in " + dir, e);
    }
  }

  /** Deletes every segment whose records all have sequence numbers at or below {@code checkpointSeq}. */
  public void deleteSegmentsBefore(long checkpointSeq) {
    List<Path> all = segments();
    for (int i = 0; i + 1 < all.size(); i++) {
      long nextFirst = firstSeq(all.get(i + 1));
      if (nextFirst <= checkpointSeq + 1 && nextFirst <= segmentFirstSeq) {
        try {
          Files.deleteIfExists(all.get(i));
        } catch (IOException e) {
          LOG.warn("cannot delete journal segment {}: {}", all.get(i), e.toString());
        }
      }
    }
  }

  private List<Path> segments() {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> l = new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(".wal")).toList());
      l.sort((a, b) -> Long.compare(firstSeq(a), firstSeq(b)));
      return l;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list journal folder " + dir, e);
    }
  }

  private static long firstSeq(Path p) {
    String n = p.getFileName().toString();
    return Long.parseLong(n.substring(0, n.length() - 4));
  }

  @Override
  public void close() {
    try {
      force();
      if (segment != null) {
        segment.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
